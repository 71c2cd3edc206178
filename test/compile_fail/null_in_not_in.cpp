// NOT IN with a NULL among its values: the test is never true.
// expect: retort: NULL in IN (...) or BETWEEN makes the test unknown (NOT IN (1, NULL) matches no row); use .is_null() / .is_not_null()
#include "schema.hpp"

using namespace app;

constexpr auto others = select(users.id).where(users.age.not_in(1, null));
