// LIKE on an integer column.
// expect: retort: LIKE needs a text expression
#include "schema.hpp"

using namespace app;

auto thirties = select(users).where(users.age.like("3%"));
