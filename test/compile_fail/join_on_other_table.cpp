// The ON condition compares a column of a table that is not part of the join.
// expect: retort: the ON condition uses a column of a table that is not part of the join
#include "schema.hpp"

using namespace app;

auto joined = users.join(posts, accounts.owner_id == users.id);
