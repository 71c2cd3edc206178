#pragma once
// Cleans up after a test process that dies holding a running server (a crash, a sanitizer
// abort, `meson test` killing a test at its timeout): static destructors never run then, and
// the server and its data directory would outlive the test run.
#include <optional>
#include <string>

#include "support/server_user.hpp"

namespace retort::test::detail {

class server_watchdog {
public:
    // A detached process (own session, so signals to the test's process group miss it) waits on
    // a socket. If the socket closes without the word "done", it stops the server in
    // root_dir/data (immediate mode) and removes root_dir.
    server_watchdog(const std::string& bin_dir, const std::string& root_dir, const std::optional<server_user>& user);
    // Says "done" (the owner cleaned up) and reaps the watchdog.
    ~server_watchdog();
    server_watchdog(const server_watchdog&) = delete;
    server_watchdog& operator=(const server_watchdog&) = delete;

private:
    int socket_ = -1;
    int pid_ = -1;
};

}  // namespace retort::test::detail
