// DISTINCT ON executed on an engine typed for SQLite: caught when the program is built,
// not when the statement first runs.
// expect: retort: the statement uses a feature this dialect does not have (such as DISTINCT ON or FOR UPDATE NOWAIT on SQLite)
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void latest_post_per_user(retort::dialect_connection<sqlite>& conn) {
    conn.execute(select(posts.user_id, posts.title).distinct_on(posts.user_id).order_by(posts.user_id));
}
