// json compared with =: PostgreSQL has no equality for json.
// expect: retort: json has no equality or ordering in PostgreSQL; compare a value taken out of it, or cast<text>(...) it
#include "schema.hpp"

using namespace app;

struct documents_table : table<documents_table, "documents"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(body, json, not_null);
    RETORT_COLUMN(previous, json, not_null);
};
inline constexpr documents_table documents;

constexpr auto same = select(documents.id).where(documents.body == documents.previous);
