// An INSERT on a connection to a replica: a hot standby cannot write, and the type says so.
// expect: retort: a replica connection only reads: execute INSERT, UPDATE, DELETE, DDL and SELECT ... FOR UPDATE/SHARE on the primary
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void add_user(retort::routing_engine& db) {
    auto conn = db.connect_replica();
    conn.execute(insert(users).values(users.username = "ann", users.email = "ann@example.com"));
}
