// Harness self-test: fails with the expected message, so the runner must pass it.
// expect: harness: the expected message
#include <retort/core/fixed_string.hpp>

template <retort::fixed_string Name>
constexpr bool refuse = false;

static_assert(refuse<"x">, "harness: the expected message");
