// An expression with a fraction (integer * 1.1 is double precision) into an integer column.
// expect: retort: a floating-point or decimal value assigned to an integer column; convert it to an integer
#include "schema.hpp"

using namespace app;

auto raised = update(users).set(users.age = users.age * 1.1).where(users.id == 1);
