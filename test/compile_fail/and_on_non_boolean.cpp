// AND with an integer column as one side.
// expect: retort: AND/OR need boolean conditions on both sides (a comparison, a boolean column...)
#include "schema.hpp"

using namespace app;

auto adults = select(users).where(users.age > 18 && users.age);
