// A grouped query ordered by a column that is neither grouped nor aggregated.
// expect: retort: ORDER BY uses a column that is neither grouped nor aggregated
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(
    select(posts.user_id, count(posts.id)).group_by(posts.user_id).order_by(posts.title));
