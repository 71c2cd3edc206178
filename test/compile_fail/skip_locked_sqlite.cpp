// FOR UPDATE SKIP LOCKED rendered for SQLite, which has no row locks.
// expect: retort: the statement uses a feature this dialect does not have (such as DISTINCT ON or FOR UPDATE NOWAIT on SQLite)
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<sqlite>(select(posts.id).limit(1).with_for_update(lock::skip_locked));
