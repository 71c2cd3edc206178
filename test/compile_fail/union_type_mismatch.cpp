// UNION of a text column with an integer column.
// expect: retort: a text column compared with a number; compare with a string
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(select(users.username).union_(select(users.age)));
