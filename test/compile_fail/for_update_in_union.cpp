// FOR UPDATE on a member of a UNION.
// expect: retort: FOR UPDATE/FOR SHARE is not allowed with UNION/INTERSECT/EXCEPT
#include "schema.hpp"

using namespace app;

constexpr auto ids = select(users.id).with_for_update().union_(select(posts.id));
