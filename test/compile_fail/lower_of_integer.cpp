// lower() over an integer column.
// expect: retort: lower() needs text
#include "schema.hpp"

using namespace app;

auto lowered = select(lower(users.age));
