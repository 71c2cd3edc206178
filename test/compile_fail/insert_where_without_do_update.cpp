// WHERE on an INSERT whose conflict clause does nothing.
// expect: retort: an INSERT has a WHERE only for ON CONFLICT DO UPDATE: on_conflict(...).do_update(...).where(...)
#include "schema.hpp"

using namespace app;

auto upsert = insert(users).values(users.username = "ann", users.email = "ann@example.com").on_conflict(users.username).do_nothing().where(users.age > 1);
