// set() given a comparison (==) instead of an assignment (=).
// expect: retort: set() takes assignments: update(users).set(users.age = 30)
#include "schema.hpp"

using namespace app;

auto older = update(users).set(users.age == 30).where(users.id == 1);
