// FOR UPDATE on a grouped query.
// expect: retort: FOR UPDATE/FOR SHARE is not allowed with GROUP BY, HAVING, DISTINCT or aggregate functions; lock the rows in a query of their own
#include "schema.hpp"

using namespace app;

constexpr auto ages = select(users.age, count().as<"n">()).group_by(users.age).with_for_update();
constexpr auto text = sql_text<postgresql>(ages);
