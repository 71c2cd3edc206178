#pragma once
// A bound value as text, for echo, events and error messages (value_binder writes a
// statement's values with it when asked for text).
#include <chrono>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/schema/value_category.hpp>
#include <retort/schema/value_text.hpp>

namespace retort::detail {

template <class V>
std::string param_text(const V& value) {
    using T = std::remove_cvref_t<V>;
    auto quoted = [](std::string_view s) {
        std::string out = "'";
        for (char c : s) {
            if (c == '\'') out += '\'';
            out += c;
        }
        return out + "'";
    };
    if constexpr (is_optional_v<T>) return value ? param_text(*value) : std::string("NULL");
    else if constexpr (std::is_same_v<T, bool>) return value ? "true" : "false";
    else if constexpr (std::is_arithmetic_v<T>) return std::to_string(value);
    else if constexpr (std::is_same_v<T, decimal>) return value.str();
    else if constexpr (std::is_same_v<T, json_text>) return quoted(value.text);
    else if constexpr (std::is_convertible_v<const T&, std::string_view>) return quoted(std::string_view(value));
    else if constexpr (std::is_same_v<T, date_value>) return quoted(format_date(value));
    else if constexpr (is_sys_time<T>::value) return quoted(format_timestamp(std::chrono::floor<std::chrono::microseconds>(value)));
    else if constexpr (is_duration<T>::value)
        return quoted(format_time_of_day(std::chrono::duration_cast<std::chrono::microseconds>(value)));
    else return "<" + std::to_string(std::size(value)) + " bytes>";
}

// A run-time list (in_(std::vector)) as one value: [a, b, c].
template <class V>
std::string list_param_text(const std::vector<V>& values) {
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + param_text(values[i]);
    return text + "]";
}

}  // namespace retort::detail
