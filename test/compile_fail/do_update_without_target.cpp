// ON CONFLICT DO UPDATE without the conflict columns.
// expect: retort: ON CONFLICT DO UPDATE needs the conflict columns: on_conflict(users.username)
#include "schema.hpp"

using namespace app;

auto upsert = insert(users).values(users.username = "ann", users.email = "ann@example.com").on_conflict().do_update(users.age = 1);
