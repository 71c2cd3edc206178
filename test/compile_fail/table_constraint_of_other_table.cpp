// index_on(...) inside a table naming another table's column: it would index this table.
// expect: retort: a table constraint (check, index_on, primary_key, unique) names a column of another table; use self.column
#include "schema.hpp"

using namespace app;

struct notes_table : table<notes_table, "notes"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(body, text, not_null);
    RETORT_TABLE_ARGS(index_on<"ix_notes_username">(users.username));
};
inline constexpr notes_table notes;
