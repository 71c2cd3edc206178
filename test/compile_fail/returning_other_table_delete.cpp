// RETURNING a column of another table than the one deleted from.
// expect: retort: RETURNING may only name columns of the table deleted from
#include "schema.hpp"

using namespace app;

auto removed = delete_from(posts).where(posts.id == 1).returning(users.username);
