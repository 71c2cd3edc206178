// cast<>() to a C++ type instead of an SQL type.
// expect: retort: cast<T>() needs an SQL type: cast<text>(x), cast<integer>(x)
#include "schema.hpp"

using namespace app;

auto as_int = select(cast<int>(users.username));
