// Columns of two tables with nothing relating them.
// expect: retort: columns of several tables but no FROM to relate them (implicit cartesian product); use select_from(a.join(b))
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(select(users.username, posts.title));
