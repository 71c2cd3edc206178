// UPDATE users SET age = posts.user_id: posts is not in the UPDATE.
// expect: retort: SET uses a column of another table
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(update(users).set(users.age = posts.user_id).where(users.id == 1));
