// INSERT INTO users with a value for posts.title.
// expect: retort: values() assigns a column of another table
#include "schema.hpp"

using namespace app;

auto add = insert(users).values(users.username = "a", users.email = "a@example.com", posts.title = "hello");
