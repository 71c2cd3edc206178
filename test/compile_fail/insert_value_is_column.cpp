// A column as a value of INSERT ... VALUES: VALUES has no row to read it from (PostgreSQL:
// "missing FROM-clause entry for table "users"").
// expect: retort: INSERT ... VALUES cannot use a column as a value; give a value, or read one with a scalar subquery: select(x).where(...).scalar_subquery()
#include "schema.hpp"

using namespace app;

constexpr auto add = insert(posts).values(posts.title = "hello", posts.content = "...", posts.user_id = users.id);
