// An aggregate in RETURNING.
// expect: retort: aggregate functions are not allowed in RETURNING
#include "schema.hpp"

using namespace app;

constexpr auto older = update(users).set(users.age = users.age + 1).where(users.id == 1).returning(max(users.age).as<"oldest">());
