// A CTE table type whose NOT NULL column gets a nullable column's values: read as a plain
// value, a NULL would not fit.
// expect: retort: a CTE column declared NOT NULL is given values that may be NULL (a nullable column, an outer join); declare the column nullable
#include "schema.hpp"

using namespace app;

struct ages_table : table<ages_table, "ages"> {
    RETORT_COLUMN(id, integer, not_null);
    RETORT_COLUMN(age, integer, not_null);
};
inline constexpr ages_table ages;

constexpr auto known = table_cte_of(ages, select(users.id, users.age));
