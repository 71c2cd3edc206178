// UPDATE users ... WHERE posts.id = 3.
// expect: retort: WHERE of an UPDATE uses a column of another table
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(update(users).set(users.age = 1).where(posts.id == 3));
