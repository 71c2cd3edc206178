#pragma once
// One field of a row whose shape is known only at run time (row_mapping): NULL, an
// integer, a floating-point number, a boolean, text or bytes. Other SQL types arrive as
// what the driver gives (NUMERIC, dates and times as text on PostgreSQL; SQLite's
// storage classes as they are). sql_value_cast<T>() reads one as a C++ type.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

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
// (In the library, as the hash: a visit of the variant costs every unit that includes this.)
std::string sql_value_text(const sql_value& value);

struct sql_value_hash {
    std::size_t operator()(const sql_value& value) const noexcept;
};

}  // namespace detail
}  // namespace retort
