#pragma once
// A bound value as text, for echo, events and error messages (value_binder writes a
// statement's values with it when asked for text).
#include <chrono>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/schema/value_category.hpp>
#include <retort/schema/value_text.hpp>

namespace retort::detail {

// A number as std::to_string writes it, and text in SQL quotes: not templates, so a unit
// compiles each once, whatever the types of its statements' values.
inline std::string number_param_text(std::int64_t value) { return std::to_string(value); }
inline std::string number_param_text(std::uint64_t value) { return std::to_string(value); }
inline std::string number_param_text(double value) { return std::to_string(value); }
inline std::string number_param_text(long double value) { return std::to_string(value); }
inline std::string quoted_param_text(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

template <class V>
std::string param_text(const V& value) {
    using T = std::remove_cvref_t<V>;
    constexpr auto quoted = quoted_param_text;
    if constexpr (is_optional_v<T>) return value ? param_text(*value) : std::string("NULL");
    else if constexpr (std::is_same_v<T, bool>) return value ? "true" : "false";
    else if constexpr (std::is_floating_point_v<T>)
        return number_param_text(static_cast<std::conditional_t<std::is_same_v<T, long double>, long double, double>>(value));
    else if constexpr (std::is_signed_v<T>) return number_param_text(static_cast<std::int64_t>(value));
    else if constexpr (std::is_arithmetic_v<T>) return number_param_text(static_cast<std::uint64_t>(value));
    else if constexpr (std::is_same_v<T, decimal>) return value.str();
    else if constexpr (std::is_same_v<T, json_text>) return quoted(value.text);
    else if constexpr (std::is_convertible_v<const T&, std::string_view>) return quoted(std::string_view(value));
    else if constexpr (std::is_same_v<T, date_value>) return quoted(format_date(value));
    else if constexpr (is_sys_time<T>::value) return quoted(format_timestamp(std::chrono::floor<std::chrono::microseconds>(value)));
    else if constexpr (is_duration<T>::value)
        return quoted(format_time_of_day(std::chrono::duration_cast<std::chrono::microseconds>(value)));
    else {
        // appended, not "<" + ...: g++ 12 warns falsely (-Wrestrict) on that concatenation inlined
        std::string text = "<";
        text += std::to_string(std::size(value));
        text += " bytes>";
        return text;
    }
}

// A run-time list (in_(std::vector)) as one value: [a, b, c].
template <class V>
std::string list_param_text(const std::vector<V>& values) {
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + param_text(values[i]);
    return text + "]";
}

}  // namespace retort::detail
