#pragma once
// x IN <a list whose length is known only at run time>, with ONE bound parameter so the
// statement's text stays a compile-time constant: PostgreSQL gets x = ANY($1) with an
// array, SQLite x IN (SELECT value FROM json_each(?)) with a JSON array.
//   std::vector<int> ids = ...;
//   select(users).where(users.id.in_(ids))
#include <charconv>
#include <chrono>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/check/type_rules.hpp>
#include <retort/engine/driver.hpp>
#include <retort/expr/expression.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/result/value_text.hpp>

namespace retort {

namespace detail {

// One element as text, for an array literal or JSON; `quote` tells whether it is a string there.
template <class V>
void append_list_element(std::string& out, const V& v, dialect_kind kind) {
    using T = std::remove_cvref_t<V>;
    auto quoted = [&](std::string_view s) {
        out += '"';
        for (char c : s) {
            if (c == '"' || c == '\\') {
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

template <class E, class V, bool Negated>
struct in_values : expr<in_values<E, V, Negated>> {
    using sql_type = boolean;
    static constexpr bool nullable = E::nullable;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::comparison;
    E operand;
    std::vector<V> values;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const in_values* self) {
        detail::render_operand(ctx, detail::member_of(self, &in_values::operand), precedence, true);
        if constexpr (Ctx::dialect::kind == dialect_kind::postgresql) {
            ctx.put(Negated ? " != ALL(" : " = ANY(");
            ctx.put_placeholder();
            ctx.put(')');
        } else {
            ctx.put(Negated ? " NOT IN (SELECT value FROM json_each(" : " IN (SELECT value FROM json_each(");
            ctx.put_placeholder();
            ctx.put("))");
        }
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
        b.bind_list(values);
    }
};

namespace detail {
template <bool Negated, class E, class List>
auto in_values_of(const E& e, List&& list) {
    using element = std::remove_cvref_t<typename std::remove_cvref_t<List>::value_type>;
    using stored = stored_t<element>;
    rules::has_sql_type<element>();
    rules::comparable<E::sql_type::category, category_of_value<element>>();
    static_assert(category_of_value<element> != type_category::blob && category_of_value<element> != type_category::json,
                  "retort: IN over a run-time list takes numbers, text, booleans, dates and timestamps");
    std::vector<stored> values;
    values.reserve(std::size(list));
    for (const auto& v : list) values.push_back(stored(v));
    return in_values<E, stored, Negated>{{}, e, std::move(values)};
}
}  // namespace detail

}  // namespace retort
