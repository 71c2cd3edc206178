// Harness self-test: the expected message is the first error, but three more follow. The
// runner must fail it (one mistake, one error).
// expect: retort: a number (integer/numeric column) compared with text; compare with a number
#include "../schema.hpp"

using namespace app;

auto adults = select(users).where(users.age > "thirty");
int first_extra = "a";
int second_extra = "b";
int third_extra = "c";
