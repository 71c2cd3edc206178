// A recursive CTE whose query selects fewer values than its table type has columns.
// expect: retort: the CTE's query must select one value per column of its table type
#include "schema.hpp"

using namespace app;

struct tree_table : table<tree_table, "tree"> {
    RETORT_COLUMN(id, integer, not_null);
    RETORT_COLUMN(depth, integer, not_null);
};
inline constexpr tree_table tree;

auto walk = recursive_cte(tree, select(users.id).union_all(select(tree.id).where(tree.depth < 3)));
