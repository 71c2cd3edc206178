// Grouping by an aggregate.
// expect: retort: aggregate functions are not allowed in GROUP BY
#include "schema.hpp"

using namespace app;

auto grouped = select(posts.user_id).group_by(count(posts.id));
