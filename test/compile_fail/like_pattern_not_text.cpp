// A number as LIKE pattern.
// expect: retort: a LIKE pattern must be text
#include "schema.hpp"

using namespace app;

auto sevens = select(users).where(users.username.like(7));
