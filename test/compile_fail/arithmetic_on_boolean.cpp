// A boolean in arithmetic.
// expect: retort: arithmetic needs numbers on both sides (integer, real, numeric)
#include "schema.hpp"

using namespace app;

auto score = select((accounts.active + 1).as<"score">());
