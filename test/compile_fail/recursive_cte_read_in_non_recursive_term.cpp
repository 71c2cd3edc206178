// A recursive CTE whose non-recursive term reads the CTE (PostgreSQL: "recursive reference to
// query must not appear within its non-recursive term").
// expect: retort: a recursive CTE's non-recursive term (the query before UNION) reads the CTE itself; only the member after UNION may
#include "schema.hpp"

using namespace app;

struct counter_table : table<counter_table, "counter"> {
    RETORT_COLUMN(n, integer, not_null);
};
inline constexpr counter_table counter;

constexpr auto counted = recursive_cte(counter, select(counter.n).union_all(select(counter.n + 1).where(counter.n < 5)));
