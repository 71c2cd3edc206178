// ORDER BY a column of a table that is not in FROM.
// expect: retort: ORDER BY uses a column of a table that is not in FROM
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<sqlite>(select(users.username).order_by(posts.title));
