// An aggregate in UPDATE ... SET.
// expect: retort: aggregate functions are not allowed in SET
#include "schema.hpp"

using namespace app;

constexpr auto flatten = update(users).set(users.age = max(users.age)).all_rows();
constexpr auto text = sql_text<postgresql>(flatten);
