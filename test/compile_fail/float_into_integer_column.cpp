// A fractional value into an integer column.
// expect: retort: a floating-point or decimal value assigned to an integer column; convert it to an integer
#include "schema.hpp"

using namespace app;

auto older = update(users).set(users.age = 30.5).where(users.id == 1);
