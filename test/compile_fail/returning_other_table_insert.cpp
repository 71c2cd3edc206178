// RETURNING a column of another table than the one inserted into.
// expect: retort: RETURNING may only name columns of the table inserted into
#include "schema.hpp"

using namespace app;

auto add = insert(users).values(users.username = "a", users.email = "a@example.com").returning(posts.id);
