// An aggregate in WHERE (it belongs in HAVING).
// expect: retort: aggregate functions are not allowed in WHERE; use having(...)
#include "schema.hpp"

using namespace app;

auto busy = select(posts.user_id).where(count(posts.id) > 5);
