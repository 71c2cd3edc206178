// Harness self-test (should_fail): this compiles, so the runner must report a failure.
// expect: harness: an error that never comes
#include <retort/core/fixed_string.hpp>

constexpr retort::fixed_string name = "fine";
static_assert(name.size() == 4);
