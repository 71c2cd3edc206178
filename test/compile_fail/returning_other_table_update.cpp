// RETURNING a column of another table than the one updated.
// expect: retort: RETURNING may only name columns of the table updated
#include "schema.hpp"

using namespace app;

auto older = update(users).set(users.age = users.age + 1).where(users.id == 1).returning(posts.title);
