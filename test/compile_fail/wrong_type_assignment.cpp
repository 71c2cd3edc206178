// Text into an integer column.
// expect: retort: value of the wrong type for this column (type mismatch in assignment)
#include "schema.hpp"

using namespace app;

auto add = insert(users).values(users.username = "john", users.email = "john@example.com", users.age = "thirty");
