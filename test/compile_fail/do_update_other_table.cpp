// DO UPDATE SET with a value from another table.
// expect: retort: do_update() uses a column of another table
#include "schema.hpp"

using namespace app;

auto upsert = insert(users).values(users.username = "ann", users.email = "ann@example.com").on_conflict(users.username).do_update(users.age = posts.id);
