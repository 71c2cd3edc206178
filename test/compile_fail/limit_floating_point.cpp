// LIMIT with a floating-point count (it would be truncated).
// expect: retort: LIMIT and OFFSET take an integer count of rows, not a floating-point value
#include "schema.hpp"

using namespace app;

constexpr auto some = select(users.id).order_by(users.id).limit(2.5);
