// WHERE age (an integer), not a condition.
// expect: retort: WHERE needs a boolean condition (a comparison, a boolean column...)
#include "schema.hpp"

using namespace app;

auto with_age = select(users).where(users.age);
