// A statement with a bindparam executed without its value.
// expect: retort: no value given for a bindparam; pass arg<"name"> = value to execute()
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void older(retort::connection& conn) {
    conn.execute(select(users).where(users.age > bindparam<"min_age", integer>));
}
