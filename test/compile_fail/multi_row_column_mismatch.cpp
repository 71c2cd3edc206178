// The rows of one INSERT assign their columns in different orders.
// expect: retort: every row of a multi-row INSERT must assign the same columns in the same order
#include "schema.hpp"

using namespace app;

auto add = insert(users)
               .values(users.username = "a", users.email = "a@example.com")
               .values(users.email = "b@example.com", users.username = "b");
