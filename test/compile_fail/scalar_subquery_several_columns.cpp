// A scalar subquery that selects two columns.
// expect: retort: a scalar subquery selects exactly one column
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(
    select(users.username, select(posts.id, posts.title).where(posts.user_id == users.id).scalar_subquery()));
