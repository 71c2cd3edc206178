// users.age + 1 is NULL where age is: assigned to the NOT NULL key it would fail at run time.
// expect: retort: a value that may be NULL (a nullable column, or an expression over one) assigned to a NOT NULL column; give a fallback with coalesce(x, value)
#include "schema.hpp"

using namespace app;

constexpr auto renumber = update(users).set(users.id = users.age + 1).where(users.id == 1);
