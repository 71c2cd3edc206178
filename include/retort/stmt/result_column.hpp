#pragma once
// A result column declared by name and SQL type, for rows of SQL text (text_clause's
// .columns()): read as row.get<"name">(), like a labeled expression.
//   text_clause<"SELECT count(*) AS n FROM users">().columns(result_column<"n", bigint>)
#include <retort/core/fixed_string.hpp>

namespace retort {

template <fixed_string Name, class SqlType, bool Nullable>
struct result_column_t {
    using sql_type = SqlType;
    static constexpr bool nullable = Nullable;
    static constexpr auto label = Name;
};

// Read as SqlType's C++ value; a NULL there is a data_error.
template <fixed_string Name, class SqlType>
inline constexpr result_column_t<Name, SqlType, false> result_column{};
// Read as std::optional of it.
template <fixed_string Name, class SqlType>
inline constexpr result_column_t<Name, SqlType, true> nullable_result_column{};

}  // namespace retort
