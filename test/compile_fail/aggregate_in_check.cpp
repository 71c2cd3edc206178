// An aggregate in a CHECK constraint.
// expect: retort: aggregate functions are not allowed in CHECK constraints
#include "schema.hpp"

using namespace app;

struct teams_table : table<teams_table, "teams"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(seats, integer, not_null);
    RETORT_TABLE_ARGS(check(count(self.seats) < 10));
};
