// A foreign key to a column that is neither a primary key nor unique.
// expect: retort: a foreign key references a column that is neither the primary key nor unique; reference a key, or declare the column unique
#include "schema.hpp"

using namespace app;

struct cohorts_table : table<cohorts_table, "cohorts"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(age, integer, references(users.age));
};
inline constexpr cohorts_table cohorts;

constexpr auto schema = metadata{users, cohorts};
