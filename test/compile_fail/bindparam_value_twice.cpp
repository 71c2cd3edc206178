// A bindparam's value given twice.
// expect: retort: a bindparam's value is given twice
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void older(retort::connection& conn) {
    conn.execute(select(users).where(users.age > bindparam<"min_age", integer>), arg<"min_age"> = 18, arg<"min_age"> = 21);
}
