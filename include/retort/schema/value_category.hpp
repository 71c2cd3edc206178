#pragma once
// Which SQL types a C++ value may stand for, and how the value is kept in a statement.
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <retort/schema/sql_types.hpp>

namespace retort {

// SQL NULL, as a value: users.age = null, users.age == null (IS NULL).
struct null_t {
    constexpr bool operator==(const null_t&) const = default;
};
inline constexpr null_t null{};

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
inline constexpr bool is_optional_v = is_optional<std::remove_cvref_t<T>>::value;

template <class T>
struct is_sys_time : std::false_type {};
template <class D>
struct is_sys_time<std::chrono::sys_time<D>> : std::true_type {};
template <class T>
struct is_duration : std::false_type {};
template <class R, class P>
struct is_duration<std::chrono::duration<R, P>> : std::true_type {};

template <class T>
inline constexpr bool is_char_type = std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
                                     std::is_same_v<T, unsigned char> || std::is_same_v<T, wchar_t> ||
                                     std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> ||
                                     std::is_same_v<T, char32_t>;

// The category of a plain C++ value (not optional), or null when it has none.
template <class V>
consteval type_category value_category_of() {
    using T = std::remove_cvref_t<V>;
    if constexpr (std::is_same_v<T, bool>) return type_category::boolean;
    else if constexpr (std::is_integral_v<T> && !is_char_type<T>) return type_category::integral;
    else if constexpr (std::is_floating_point_v<T>) return type_category::floating;
    else if constexpr (std::is_same_v<T, decimal>) return type_category::numeric;
    else if constexpr (std::is_convertible_v<const T&, std::string_view>) return type_category::string;
    else if constexpr (std::is_same_v<T, std::chrono::year_month_day>) return type_category::date;
    else if constexpr (is_sys_time<T>::value) return type_category::timestamp;
    else if constexpr (is_duration<T>::value) return type_category::time;
    else if constexpr (std::is_same_v<T, blob_value> || std::is_same_v<T, std::span<const std::byte>>)
        return type_category::blob;
    else if constexpr (std::is_same_v<T, json_text>) return type_category::json;
    else return type_category::null;
}

template <class V>
struct plain_value {
    using type = std::remove_cvref_t<V>;
};
template <class V>
struct plain_value<std::optional<V>> {
    using type = V;
};
// The category of a value, looking through std::optional.
template <class V>
inline constexpr type_category category_of_value = value_category_of<typename plain_value<std::remove_cvref_t<V>>::type>();

template <class V>
inline constexpr bool is_sql_value = value_category_of<V>() != type_category::null;

// A value as kept in a statement: string literals by view (static storage), strings by
// copy (a statement may outlive the caller's string), optionals of either.
template <class V>
struct stored {
    using T = std::remove_cvref_t<V>;
    using type = std::conditional_t<std::is_array_v<T> || std::is_pointer_v<T>, std::string_view, T>;
};
template <class V>
struct stored<std::optional<V>> {
    using type = std::optional<typename stored<V>::type>;
};
template <class V>
using stored_t = typename stored<std::remove_cvref_t<V>>::type;

// Whether a value of category V may be used where SQL category S is expected.
consteval bool assignable(type_category s, type_category v) {
    if (s == v || v == type_category::null || s == type_category::null) return true;
    auto number = [](type_category c) {
        return c == type_category::integral || c == type_category::floating || c == type_category::numeric;
    };
    // Integers fit every number column; floats and decimals fit non-integer ones.
    if (number(s) && number(v)) return s != type_category::integral || v == type_category::integral;
    return false;
}

// Whether two expressions of these categories may be compared or combined.
consteval bool comparable(type_category a, type_category b) {
    if (a == b || a == type_category::null || b == type_category::null) return true;
    auto number = [](type_category c) {
        return c == type_category::integral || c == type_category::floating || c == type_category::numeric;
    };
    return number(a) && number(b);
}

}  // namespace detail
}  // namespace retort
