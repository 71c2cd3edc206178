// values() after returning().
// expect: retort: call values() before returning()
#include "schema.hpp"

using namespace app;

auto add = insert(users).returning(users.id).values(users.username = "a", users.email = "a@example.com");
