// HAVING given a number instead of a condition (> 5 forgotten).
// expect: retort: HAVING needs a boolean condition
#include "schema.hpp"

using namespace app;

auto busy = select(posts.user_id).group_by(posts.user_id).having(count(posts.id));
