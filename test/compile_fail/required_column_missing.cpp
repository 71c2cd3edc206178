// INSERT without the NOT NULL column email (no default).
// expect: retort: a required column is missing from the INSERT (NOT NULL, no default); assign it in values()
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void add_user(retort::connection& conn) { conn.execute(insert(users).values(users.username = "john")); }
