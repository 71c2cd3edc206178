// A UNION ordered by a column that is none of its result columns (it would render ORDER BY "title").
// expect: retort: ORDER BY of a UNION/INTERSECT/EXCEPT names its result columns: order by a column or label the first SELECT selects
#include "schema.hpp"

using namespace app;

constexpr auto names = select(users.username).union_(select(posts.title)).order_by(posts.title);
constexpr auto text = sql_text<postgresql>(names);
