// A text column compared with a number.
// expect: retort: a text column compared with a number; compare with a string
#include "schema.hpp"

using namespace app;

auto named = select(users).where(users.username == 42);
