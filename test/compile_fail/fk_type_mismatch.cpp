// A text column referencing an integer key.
// expect: retort: foreign key type mismatch: the column's type differs from the column it references
#include "schema.hpp"

using namespace app;

struct comments_table : table<comments_table, "comments"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(author, text, not_null, references(users.id));
};
inline constexpr comments_table comments;
