// where(true): a C++ bool, not an SQL condition.
// expect: retort: where() needs an SQL condition, such as users.age > 25
#include "schema.hpp"

using namespace app;

auto everyone = select(users).where(true);
