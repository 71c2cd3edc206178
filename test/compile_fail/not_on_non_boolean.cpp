// NOT of an integer column.
// expect: retort: NOT needs a boolean condition
#include "schema.hpp"

using namespace app;

auto without_age = select(users).where(!users.age);
