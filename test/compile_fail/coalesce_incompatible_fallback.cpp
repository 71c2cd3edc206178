// coalesce() of an integer column with a text fallback.
// expect: retort: a number (integer/numeric column) compared with text; compare with a number
#include "schema.hpp"

using namespace app;

auto age = select(coalesce(users.age, "unknown"));
