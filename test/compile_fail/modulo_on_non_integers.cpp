// % on a double precision column.
// expect: retort: % (modulo) needs integers on both sides
#include "schema.hpp"

using namespace app;

auto odd = select(accounts).where(accounts.rating % 2 == 1);
