// The ON condition is a column, not a comparison (== users.id forgotten).
// expect: retort: ON needs a boolean condition
#include "schema.hpp"

using namespace app;

auto joined = users.join(posts, posts.user_id);
