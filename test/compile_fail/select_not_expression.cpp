// select() given a column name as a string.
// expect: retort: select() takes tables, columns and expressions
#include "schema.hpp"

using namespace app;

auto names = select("username");
