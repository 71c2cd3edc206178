// ORDER BY on a UNION member instead of on the whole union.
// expect: retort: ORDER BY/LIMIT inside a UNION member; apply them to the whole union
#include "schema.hpp"

using namespace app;

auto names = select(users.username).order_by(users.username).union_(select(posts.title));
