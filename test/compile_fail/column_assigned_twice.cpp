// The same column twice in one row.
// expect: retort: the same column is assigned twice
#include "schema.hpp"

using namespace app;

auto add = insert(users).values(users.username = "a", users.email = "a@example.com", users.username = "b");
