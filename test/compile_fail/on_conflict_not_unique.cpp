// ON CONFLICT on a column without a unique constraint (email is not unique).
// expect: retort: the ON CONFLICT columns must be the primary key or a unique constraint's columns
#include "schema.hpp"

using namespace app;

auto upsert = insert(users).values(users.username = "ann", users.email = "ann@example.com").on_conflict(users.email).do_nothing();
