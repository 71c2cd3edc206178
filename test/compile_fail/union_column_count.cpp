// UNION of a one-column and a two-column query.
// expect: retort: both sides of UNION/INTERSECT/EXCEPT must select the same number of columns
#include "schema.hpp"

using namespace app;

auto names = select(users.username).union_(select(posts.title, posts.id));
