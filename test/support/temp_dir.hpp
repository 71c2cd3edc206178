#pragma once
#include <string>

namespace retort::test::detail {

// mkdtemp under $TMPDIR (or /tmp when $TMPDIR is unset or too long for a Unix socket path:
// sockets live in these directories and sun_path holds 107 bytes).
// Throws std::runtime_error when the directory cannot be made.
std::string make_temp_dir(const std::string& prefix);

}  // namespace retort::test::detail
