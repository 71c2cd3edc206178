// A CHECK constraint that is no condition.
// expect: retort: CHECK needs a boolean condition, such as self.age >= 0
#include "schema.hpp"

using namespace app;

struct teams_table : table<teams_table, "teams"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(seats, integer, not_null);
    RETORT_TABLE_ARGS(check(self.seats + 1));
};
