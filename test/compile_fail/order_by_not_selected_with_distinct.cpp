// SELECT DISTINCT ordered by a column it does not select.
// expect: retort: with DISTINCT, ORDER BY may only use selected columns or labels; select what you order by
#include "schema.hpp"

using namespace app;

constexpr auto names = select(users.username).distinct().order_by(users.age);
constexpr auto text = sql_text<postgresql>(names);
