// An aggregate in a JOIN ... ON condition.
// expect: retort: aggregate functions are not allowed in JOIN ON
#include "schema.hpp"

using namespace app;

constexpr auto busy = select(users.username).select_from(users.join(posts, posts.user_id == users.id && count(posts.id) > 1));
