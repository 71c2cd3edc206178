// IN over a subquery of two columns.
// expect: retort: IN (subquery) needs a subquery of one column
#include "schema.hpp"

using namespace app;

auto authors = select(users.username).where(users.id.in_(select(posts.user_id, posts.id)));
