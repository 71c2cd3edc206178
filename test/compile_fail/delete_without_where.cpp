// DELETE of every row without saying so.
// expect: retort: DELETE without WHERE; add .where(...) or say .all_rows()
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void remove_all(retort::connection& conn) { conn.execute(delete_from(users)); }
