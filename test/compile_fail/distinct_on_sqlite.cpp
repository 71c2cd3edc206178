// DISTINCT ON rendered for SQLite, which does not have it.
// expect: retort: the statement uses a feature this dialect does not have (such as DISTINCT ON or FOR UPDATE NOWAIT on SQLite)
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<sqlite>(select(posts.user_id, posts.title).distinct_on(posts.user_id).order_by(posts.user_id));
