// server_default of a number for a boolean column.
// expect: retort: server_default(...) does not fit the column's type (a boolean for a number, a number for a boolean or date...)
#include "schema.hpp"

using namespace app;

struct flags_table : table<flags_table, "flags"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(enabled, boolean, not_null, server_default(1));
};
inline constexpr flags_table flags;
