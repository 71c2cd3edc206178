// Grouped by lower(username), the bare username is not grouped: PostgreSQL refuses
// "column users.username must appear in the GROUP BY clause".
// expect: retort: a selected column is neither grouped nor aggregated; add it to group_by() or wrap it in an aggregate
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(select(users.username, count()).group_by(lower(users.username)));
