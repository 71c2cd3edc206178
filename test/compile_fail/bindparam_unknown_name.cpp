// A value for a bindparam the statement does not have (a misspelt name): it would be dropped.
// expect: retort: execute() is given arg<"name"> for a bindparam the statement does not have; check the name
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void older(retort::connection& conn) {
    const auto older_than = select(users.username).where(users.age > bindparam<"min_age", integer>);
    conn.execute(older_than, arg<"min_age"> = 2, arg<"min_agee"> = 3);
}
