// ON CONFLICT on a column of another table.
// expect: retort: the ON CONFLICT columns must be columns of the table inserted into
#include "schema.hpp"

using namespace app;

auto upsert = insert(users).values(users.username = "ann", users.email = "ann@example.com").on_conflict(posts.id).do_nothing();
