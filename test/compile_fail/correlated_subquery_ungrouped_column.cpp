// A grouped query whose correlated scalar subquery uses an outer column that is not grouped
// (PostgreSQL: "subquery uses ungrouped column "users.id" from outer query").
// expect: retort: a selected column is neither grouped nor aggregated; add it to group_by() or wrap it in an aggregate
#include "schema.hpp"

using namespace app;

constexpr auto by_age = select(users.age, select(count(posts.id)).where(posts.user_id == users.id).scalar_subquery())
                            .group_by(users.age);
constexpr auto text = sql_text<postgresql>(by_age);
