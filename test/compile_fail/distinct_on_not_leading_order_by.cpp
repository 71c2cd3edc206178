// DISTINCT ON (username) ordered first by age (PostgreSQL: "SELECT DISTINCT ON expressions must
// match initial ORDER BY expressions").
// expect: retort: DISTINCT ON expressions must match the leading ORDER BY items; order by the DISTINCT ON expressions first
#include "schema.hpp"

using namespace app;

constexpr auto youngest = select(users.username, users.age).distinct_on(users.username).order_by(users.age, users.username);
constexpr auto text = sql_text<postgresql>(youngest);
