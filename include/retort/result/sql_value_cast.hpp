#pragma once
// Between sql_value and the C++ value types of typed rows: to_sql_value(v) for any field
// of a typed row, sql_value_cast<T>(value) back, with a clear error when the field holds
// something else (text read as an integer, NULL read without std::optional).
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <retort/core/errors.hpp>
#include <retort/core/rule.hpp>
#include <retort/core/type_list.hpp>
#include <retort/result/sql_value.hpp>
#include <retort/schema/value_category.hpp>
#include <retort/schema/value_text.hpp>

namespace retort {

template <class T>
sql_value to_sql_value(const T& v) {
    using detail::is_duration;
    using detail::is_sys_time;
    if constexpr (detail::is_optional_v<T>) return v ? to_sql_value(*v) : sql_value{};
    else if constexpr (std::is_same_v<T, bool>) return sql_value(v);
    else if constexpr (std::is_integral_v<T>) return sql_value(static_cast<std::int64_t>(v));
    else if constexpr (std::is_floating_point_v<T>) return sql_value(static_cast<double>(v));
    else if constexpr (std::is_same_v<T, decimal>) return sql_value(v.str());
    else if constexpr (std::is_same_v<T, json_text>) return sql_value(v.text);
    else if constexpr (std::is_same_v<T, blob_value>) return sql_value(v);
    else if constexpr (std::is_convertible_v<const T&, std::string_view>) return sql_value(std::string(std::string_view(v)));
    else if constexpr (std::is_same_v<T, date_value>) return sql_value(detail::format_date(v));
    else if constexpr (is_sys_time<T>::value)
        return sql_value(detail::format_timestamp(std::chrono::floor<std::chrono::microseconds>(v)));
    else if constexpr (is_duration<T>::value)
        return sql_value(detail::format_time_of_day(std::chrono::duration_cast<std::chrono::microseconds>(v)));
    else RETORT_RULE("retort: no sql_value for this C++ type", detail::always_false<T>);
}

namespace detail {

// In the library (lib/sql_value.cpp): not compiled in every unit.
[[noreturn, gnu::cold]] void bad_sql_value(const sql_value& value, std::string_view wanted, std::string_view field);

}  // namespace detail

// The field as T; `field` names it in the error ("'age'" or "0").
template <class T>
T sql_value_cast(const sql_value& value, std::string_view field = "value") {
    using detail::bad_sql_value;
    if constexpr (detail::is_optional_v<T>) {
        if (is_null(value)) return std::nullopt;
        return sql_value_cast<typename T::value_type>(value, field);
    } else if constexpr (std::is_same_v<T, sql_value>) {
        return value;
    } else if constexpr (std::is_same_v<T, bool>) {
        if (auto* b = std::get_if<bool>(&value)) return *b;
        // SQLite stores booleans as 0 and 1.
        if (auto* i = std::get_if<std::int64_t>(&value); i && (*i == 0 || *i == 1)) return *i == 1;
        bad_sql_value(value, "bool", field);
    } else if constexpr (std::is_integral_v<T>) {
        auto* i = std::get_if<std::int64_t>(&value);
        if (!i) bad_sql_value(value, "an integer", field);
        if constexpr (sizeof(T) < sizeof(std::int64_t) || std::is_unsigned_v<T>) {
            if (*i < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                (*i > 0 && static_cast<std::uint64_t>(*i) > static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
                bad_sql_value(value, "this C++ integer type (out of its range)", field);
        }
        return static_cast<T>(*i);
    } else if constexpr (std::is_floating_point_v<T>) {
        if (auto* d = std::get_if<double>(&value)) return static_cast<T>(*d);
        if (auto* i = std::get_if<std::int64_t>(&value)) return static_cast<T>(*i);
        bad_sql_value(value, "a floating-point number", field);
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (auto* s = std::get_if<std::string>(&value)) return *s;
        bad_sql_value(value, "text", field);
    } else if constexpr (std::is_same_v<T, decimal>) {
        if (auto* s = std::get_if<std::string>(&value)) return decimal(*s);
        if (auto* i = std::get_if<std::int64_t>(&value)) return decimal(std::to_string(*i));
        bad_sql_value(value, "a decimal", field);
    } else if constexpr (std::is_same_v<T, json_text>) {
        if (auto* s = std::get_if<std::string>(&value)) return json_text{*s};
        bad_sql_value(value, "JSON text", field);
    } else if constexpr (std::is_same_v<T, blob_value>) {
        if (auto* b = std::get_if<blob_value>(&value)) return *b;
        bad_sql_value(value, "bytes", field);
    } else if constexpr (std::is_same_v<T, date_value>) {
        if (auto* s = std::get_if<std::string>(&value)) return detail::parse_date(*s);
        bad_sql_value(value, "a date", field);
    } else if constexpr (detail::is_sys_time<T>::value) {
        if (auto* s = std::get_if<std::string>(&value))
            return std::chrono::time_point_cast<typename T::duration>(detail::parse_timestamp(*s));
        bad_sql_value(value, "a timestamp", field);
    } else if constexpr (detail::is_duration<T>::value) {
        if (auto* s = std::get_if<std::string>(&value))
            return std::chrono::duration_cast<T>(detail::parse_time_of_day(*s));
        bad_sql_value(value, "a time of day", field);
    } else {
        RETORT_RULE("retort: get<T>() reads the C++ value types of retort's SQL types", detail::always_false<T>);
    }
}

}  // namespace retort
