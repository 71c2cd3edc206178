// An assignment where a comparison was meant.
// expect: retort: where() is given an assignment (users.age = 25); compare with == (users.age == 25)
#include "schema.hpp"

using namespace app;

constexpr auto adults = select(users.username).where(users.age = 25);
constexpr auto text = sql_text<postgresql>(adults);
