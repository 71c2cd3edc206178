// A union ordered and limited, then extended by another member.
// expect: retort: add ORDER BY/LIMIT after the last UNION member
#include "schema.hpp"

using namespace app;

auto names = select(users.username).union_(select(posts.title)).limit(10).union_all(select(users.email));
