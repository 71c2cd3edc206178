// update_rows() whose first column is not the primary key: rows would be matched by age.
// expect: retort: update_rows() needs the table's primary key columns first
#include "schema.hpp"

using namespace app;

constexpr auto set_ids = update_rows(users.age, users.id);
