// Two columns of one table with one SQL name: CREATE TABLE would say "column specified more than
// once", and every statement would name either.
// expect: retort: two columns of this table have one SQL name; give each its own (RETORT_NAMED_COLUMN sets the SQL name)
#include "schema.hpp"

using namespace app;

struct things_table : table<things_table, "things"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_NAMED_COLUMN(label, "name", text);
    RETORT_COLUMN(name, text);
};
inline constexpr things_table things;

constexpr auto all = select(things);
