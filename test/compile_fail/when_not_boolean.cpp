// when() given a column instead of a condition.
// expect: retort: when() needs a boolean condition
#include "schema.hpp"

using namespace app;

auto bracket = select(case_(when(users.age, "has age")));
