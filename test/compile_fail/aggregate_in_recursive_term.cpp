// An aggregate in a recursive CTE's recursive term (PostgreSQL: "aggregate functions are not
// allowed in a recursive query's recursive term").
// expect: retort: aggregate functions are not allowed in a recursive CTE's recursive term (the member after UNION); aggregate in the query that reads the CTE
#include "schema.hpp"

using namespace app;

struct counter_table : table<counter_table, "counter"> {
    RETORT_COLUMN(n, bigint, not_null);
};
inline constexpr counter_table counter;

constexpr auto counted = recursive_cte(counter, select(cast<bigint>(1)).union_all(
                                                    select(count(counter.n)).where(counter.n < 5)));
