// IN with no values.
// expect: retort: IN needs at least one value
#include "schema.hpp"

using namespace app;

auto nobody = select(users).where(users.id.in_());
