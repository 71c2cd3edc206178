// Unary minus on a text column.
// expect: retort: unary minus needs a number
#include "schema.hpp"

using namespace app;

auto negated = select((-users.username).as<"negated">());
