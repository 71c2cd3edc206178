// NULL into a NOT NULL column.
// expect: retort: NULL assigned to a NOT NULL column
#include "schema.hpp"

using namespace app;

auto forget = update(users).set(users.email = null).where(users.id == 1);
