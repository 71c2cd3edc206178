// Not a case: Meson compiles this file with retort's headers, and the compile-fail runner
// reuses its compile command (from compile_commands.json) for every case, so cases see exactly
// the flags real code in this build sees.
#include <retort/core/fixed_string.hpp>
#include <retort/core/type_list.hpp>

namespace {
constexpr retort::fixed_string probe_name = "probe";
static_assert(probe_name.size() == 5);
}  // namespace
