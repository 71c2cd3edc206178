#pragma once
// One field of a row whose shape is known only at run time (row_mapping): NULL, an
// integer, a floating-point number, a boolean, text or bytes. Other SQL types arrive as
// what the driver gives (NUMERIC, dates and times as text on PostgreSQL; SQLite's
// storage classes as they are). sql_value_cast<T>() reads one as a C++ type.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include <retort/driver/param_text.hpp>
#include <retort/schema/value_types.hpp>

namespace retort {

using sql_value = std::variant<std::monostate, std::int64_t, double, bool, std::string, blob_value>;

inline bool is_null(const sql_value& value) noexcept { return value.index() == 0; }

namespace detail {

// What a field holds, in words (error messages).
inline std::string_view sql_value_kind(const sql_value& value) noexcept {
    constexpr std::string_view names[] = {"NULL", "an integer", "a floating-point number", "a boolean", "text", "bytes"};
    return names[value.index()];
}

// As echo shows parameters: 1, 2.5, true, 'text' (quotes doubled), NULL, <3 bytes>.
inline std::string sql_value_text(const sql_value& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) return "NULL";
            else return param_text(v);
        },
        value);
}

struct sql_value_hash {
    std::size_t operator()(const sql_value& value) const noexcept {
        return std::visit(
            [](const auto& v) -> std::size_t {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) return 0;
                else if constexpr (std::is_same_v<T, blob_value>)
                    return std::hash<std::string_view>{}(
                        std::string_view(reinterpret_cast<const char*>(v.data()), v.size()));
                else return std::hash<T>{}(v);
            },
            value) ^ (value.index() * 0x9e3779b97f4a7c15ULL);
    }
};

}  // namespace detail
}  // namespace retort
