// Text given for an integer bindparam.
// expect: retort: value of the wrong type for this column (type mismatch in assignment)
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void older(retort::connection& conn) {
    conn.execute(select(users).where(users.age > bindparam<"min_age", integer>), arg<"min_age"> = "eighteen");
}
