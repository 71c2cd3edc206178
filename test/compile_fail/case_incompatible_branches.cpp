// CASE branches of text and of a number.
// expect: retort: a text column compared with a number; compare with a string
#include "schema.hpp"

using namespace app;

auto bracket = select(case_(when(users.age < 18, "minor"), when(users.age < 65, 1)));
