// An aggregate inside an aggregate.
// expect: retort: aggregate function calls cannot be nested (sum(count(...))); aggregate in a subquery
#include "schema.hpp"

using namespace app;

constexpr auto total = select(sum(count(posts.id)).as<"n">()).group_by(posts.user_id);
