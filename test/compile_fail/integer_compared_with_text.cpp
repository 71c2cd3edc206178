// An integer column compared with a string.
// expect: retort: a number (integer/numeric column) compared with text; compare with a number
#include "schema.hpp"

using namespace app;

auto adults = select(users).where(users.age > "thirty");
