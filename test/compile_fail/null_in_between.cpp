// BETWEEN with a NULL bound: the test is never true.
// expect: retort: NULL in IN (...) or BETWEEN makes the test unknown (NOT IN (1, NULL) matches no row); use .is_null() / .is_not_null()
#include "schema.hpp"

using namespace app;

constexpr auto young = select(users.id).where(users.age.between(null, 10));
