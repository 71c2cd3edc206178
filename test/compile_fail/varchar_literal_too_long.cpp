// A string literal longer than the column's varchar<50>.
// expect: retort: string literal longer than the column's varchar<N>
#include "schema.hpp"

using namespace app;

auto add = insert(users).values(users.username = "a name far longer than the fifty characters varchar<50> holds",
                                users.email = "long@example.com");
