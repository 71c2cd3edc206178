// Grouped by posts.user_id, a foreign key: users.username is not determined by it (only users.id would do).
// expect: retort: a selected column is neither grouped nor aggregated; add it to group_by() or wrap it in an aggregate
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(
    select(users.username, count(posts.id)).select_from(users.join(posts)).group_by(posts.user_id));
