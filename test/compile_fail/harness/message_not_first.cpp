// Harness self-test: the expected message is there, but another error comes first. The
// runner must fail it (the rule's sentence has to be the first error line).
// expect: retort: a number (integer/numeric column) compared with text; compare with a number
#include "../schema.hpp"

using namespace app;

int not_a_number = "this error comes first";
auto adults = select(users).where(users.age > "thirty");
