// UPDATE of every row without saying so.
// expect: retort: UPDATE without WHERE; add .where(...) or say .all_rows()
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void reset_ages(retort::connection& conn) { conn.execute(update(users).set(users.age = 0)); }
