// A boolean column compared with an integer (SQLite habit: active = 1).
// expect: retort: comparison of incompatible SQL types; use cast<type>(...) to compare across types
#include "schema.hpp"

using namespace app;

auto open = select(accounts).where(accounts.active == 1);
