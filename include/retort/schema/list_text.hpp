#pragma once
// A run-time list of values as the text of ONE bound parameter: a PostgreSQL array
// literal ({1,2,3}) or a SQLite JSON array ([1,2,3]). expr/in_values.hpp binds it.
#include <charconv>
#include <chrono>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <retort/core/dialect_kind.hpp>
#include <retort/core/floating_point.hpp>
#include <retort/schema/value_category.hpp>
#include <retort/schema/value_text.hpp>

namespace retort {

namespace detail {

// SQLite's json_each() ends a string at an escaped NUL (\u0000), so a NUL goes into the
// JSON as the pair \x01 '0' and a \x01 as \x01 '1'; the statement turns them back
// (sqlite_list_text_value below). PostgreSQL text cannot hold a NUL: binding refuses it.
inline constexpr std::string_view sqlite_list_nul = "\\u00010";
inline constexpr std::string_view sqlite_list_soh = "\\u00011";
// The SQL that undoes that escape on json_each()'s value column.
inline constexpr std::string_view sqlite_list_text_value =
    "replace(replace(value, char(1) || '0', char(0)), char(1) || '1', char(1))";

// One element as text, for an array literal or JSON.
template <class V>
void append_list_element(std::string& out, const V& v, dialect_kind kind) {
    using T = std::remove_cvref_t<V>;
    auto quoted = [&](std::string_view s) {
        out += '"';
        for (char c : s) {
            if (kind == dialect_kind::sqlite && c == '\0') {
                out += sqlite_list_nul;
            } else if (kind == dialect_kind::sqlite && c == '\x01') {
                out += sqlite_list_soh;
            } else if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (kind == dialect_kind::sqlite && static_cast<unsigned char>(c) < 0x20) {
                constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xf];
                out += hex[c & 0xf];
            } else {
                out += c;
            }
        }
        out += '"';
    };
    if constexpr (is_optional_v<T>) {
        if (!v) out += kind == dialect_kind::postgresql ? "NULL" : "null";
        else append_list_element(out, *v, kind);
    } else if constexpr (std::is_same_v<T, bool>) {
        out += v ? "true" : "false";
    } else if constexpr (std::is_floating_point_v<T>) {
        // As the double that is bound for a single value (a float's own shortest text, 0.1,
        // would be another double). JSON has no infinity: 9e999 parses as one. SQLite
        // stores NaN as NULL, so NaN is null there, matching nothing, as = NaN does.
        const double d = static_cast<double>(v);
        if (detail::is_nan(d)) out += kind == dialect_kind::postgresql ? "NaN" : "null";
        else if (detail::is_infinite(d)) out += kind == dialect_kind::postgresql ? (d > 0 ? "Infinity" : "-Infinity")
                                                                       : (d > 0 ? "9e999" : "-9e999");
        else {
            char buffer[64];
            auto end = std::to_chars(buffer, buffer + sizeof buffer, d).ptr;
            out.append(buffer, end);
        }
    } else if constexpr (std::is_arithmetic_v<T>) {
        char buffer[64];
        auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
        out.append(buffer, end);
    } else if constexpr (std::is_same_v<T, decimal>) {
        out += v.str();
    } else if constexpr (std::is_same_v<T, date_value>) {
        quoted(format_date(v));
    } else if constexpr (is_sys_time<T>::value) {
        quoted(format_timestamp(std::chrono::floor<std::chrono::microseconds>(v)));
    } else {
        quoted(std::string_view(v));
    }
}

// The whole list as one parameter value: {1,2,3} for PostgreSQL, [1,2,3] for SQLite.
template <class V>
std::string format_list(const std::vector<V>& values, dialect_kind kind) {
    std::string out(1, kind == dialect_kind::postgresql ? '{' : '[');
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        append_list_element(out, values[i], kind);
    }
    out += kind == dialect_kind::postgresql ? '}' : ']';
    return out;
}

}  // namespace detail

}  // namespace retort
