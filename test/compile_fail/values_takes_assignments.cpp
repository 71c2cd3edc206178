// values() given a comparison (==) instead of an assignment (=).
// expect: retort: values() takes assignments: insert(users).values(users.name = "x")
#include "schema.hpp"

using namespace app;

auto add = insert(users).values(users.username == "a");
