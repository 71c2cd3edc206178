// ORDER BY a label the query does not select: it would render ORDER BY "years", naming nothing.
// expect: retort: ORDER BY names a label the query does not select; select the labeled expression or order by the expression without its label
#include "schema.hpp"

using namespace app;

constexpr auto names = select(users.username).order_by(users.age.as<"years">());
constexpr auto text = sql_text<postgresql>(names);
