// excluded() of an expression instead of a column.
// expect: retort: excluded() takes a column of the table inserted into
#include "schema.hpp"

using namespace app;

auto upsert = insert(users).values(users.username = "ann", users.email = "ann@example.com", users.age = 3).on_conflict(users.username).do_update(users.age = excluded(users.age + 1));
