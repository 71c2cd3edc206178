// HAVING tests a column that is neither grouped nor inside an aggregate.
// expect: retort: HAVING uses a column that is neither grouped nor aggregated
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(
    select(posts.user_id, count(posts.id)).group_by(posts.user_id).having(posts.title == "draft"));
