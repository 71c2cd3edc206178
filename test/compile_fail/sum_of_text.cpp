// sum() over a text column.
// expect: retort: sum() needs a number
#include "schema.hpp"

using namespace app;

auto total = select(sum(posts.title));
