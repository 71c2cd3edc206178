// concat() of text and an integer column without a cast.
// expect: retort: concat() joins text; cast other values with cast<text>(...)
#include "schema.hpp"

using namespace app;

auto label = select(concat(users.username, users.age));
