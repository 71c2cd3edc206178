// FOR UPDATE over a LEFT OUTER JOIN: the lock names every table, posts among them, the nullable
// side (PostgreSQL: "FOR UPDATE cannot be applied to the nullable side of an outer join").
// expect: retort: FOR UPDATE/FOR SHARE cannot lock the nullable side of an outer join; use an inner join, or lock the rows in a query of their own
#include "schema.hpp"

using namespace app;

constexpr auto locked = select(users.username, posts.title).select_from(users.outerjoin(posts)).with_for_update();
constexpr auto text = sql_text<postgresql>(locked);
