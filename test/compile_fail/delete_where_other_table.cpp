// DELETE FROM users WHERE posts.title = ...
// expect: retort: WHERE of a DELETE uses a column of another table
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<sqlite>(delete_from(users).where(posts.title == "spam"));
