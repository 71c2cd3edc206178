// + on text (SQL's || is concat()).
// expect: retort: arithmetic on text; use concat(a, b) to join strings
#include "schema.hpp"

using namespace app;

auto shout = select((users.username + "!").as<"shout">());
