// order_by() given a column name as a string.
// expect: retort: order_by() takes expressions or x.asc() / x.desc()
#include "schema.hpp"

using namespace app;

auto sorted = select(users).order_by("username");
