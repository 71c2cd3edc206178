// UPDATE users SET posts.title.
// expect: retort: set() assigns a column of another table than the one updated
#include "schema.hpp"

using namespace app;

auto renamed = update(users).set(posts.title = "x").where(users.id == 1);
