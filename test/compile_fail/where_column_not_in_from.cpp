// WHERE on a table that is not in FROM (no implicit cartesian product).
// expect: retort: WHERE uses a column of a table that is not in FROM (no implicit cartesian product); join that table
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(select(users.username).where(posts.title == "hello"));
