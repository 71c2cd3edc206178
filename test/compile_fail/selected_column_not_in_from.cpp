// A selected column of a table that select_from() leaves out.
// expect: retort: a selected column's table is not in FROM; add it with select_from(...) or a join
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<sqlite>(select(users.username, posts.title).select_from(posts));
