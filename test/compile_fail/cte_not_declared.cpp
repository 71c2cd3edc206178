// A CTE used in FROM but not declared with with_().
// expect: retort: a CTE is used in FROM but not declared; add .with_(the_cte)
#include "schema.hpp"

using namespace app;

constexpr auto older = select(users.id, users.username).where(users.age > 60).cte<"older">();
constexpr auto sql = sql_text<postgresql>(select(older.c<"username">));
