// IN over a subquery whose column is text, for an integer.
// expect: retort: a number (integer/numeric column) compared with text; compare with a number
#include "schema.hpp"

using namespace app;

auto authors = select(users.username).where(users.id.in_(select(posts.title)));
