// A bare value where a constraint goes (meant: default_(18)).
// expect: retort: not a column constraint (primary_key, unique, not_null, index, autoincrement, default_(v), server_default(v), references(table.column))
#include "schema.hpp"

using namespace app;

struct people_table : table<people_table, "people"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(age, integer, 18);
};
