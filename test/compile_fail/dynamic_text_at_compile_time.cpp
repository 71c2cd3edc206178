// The compile-time text of a statement whose WHERE is built at run time.
// expect: retort: a statement with a dynamic part has no compile-time text; use render_runtime<dialect>(statement)
#include "schema.hpp"

using namespace app;

auto text() {
    auto filters = dynamic_and(users);
    return sql_text<postgresql>(select(users.username).where(filters));
}
