// An aggregate in ORDER BY groups the query: the selected column is then ungrouped.
// expect: retort: a selected column is neither grouped nor aggregated; add it to group_by() or wrap it in an aggregate
#include "schema.hpp"

using namespace app;

constexpr auto names = select(users.username).order_by(count());
constexpr auto text = sql_text<postgresql>(names);
