// UPDATE with nothing to set.
// expect: retort: UPDATE without set(...)
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void touch(retort::connection& conn) { conn.execute(update(users).where(users.id == 1)); }
