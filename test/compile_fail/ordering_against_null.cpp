// age > NULL is never true: NULL tests are is_null() / is_not_null().
// expect: retort: ordering against NULL is always unknown; use .is_null() / .is_not_null()
#include "schema.hpp"

using namespace app;

auto known = select(users).where(users.age > null);
