// ILIKE on an integer column.
// expect: retort: ILIKE needs a text expression
#include "schema.hpp"

using namespace app;

auto thirties = select(users).where(users.age.ilike("3%"));
