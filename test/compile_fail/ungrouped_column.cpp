// A selected column neither grouped nor aggregated.
// expect: retort: a selected column is neither grouped nor aggregated; add it to group_by() or wrap it in an aggregate
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(select(users.username, count(users.id)).group_by(users.age));
