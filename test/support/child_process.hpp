#pragma once
// Starts PostgreSQL's tools (initdb, pg_ctl) as child processes: as the server account when we
// are root, with a time limit, output captured for error messages.
#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "support/server_user.hpp"

namespace retort::test::detail {

struct spawn_options {
    std::string working_dir = "/";
    std::optional<server_user> user;  // drop to this account before exec
    int stdin_fd = -1;                // becomes fd 0; /dev/null when -1
    int output_fd = -1;               // becomes fds 1 and 2; /dev/null when -1
    bool new_session = false;         // setsid(): survive signals sent to our process group
};

// fork + exec of argv (argv[0] an absolute path); every other descriptor is closed in the child.
// Throws std::runtime_error when fork fails; exec failure shows as exit code 127.
pid_t spawn_child(const std::vector<std::string>& argv, const spawn_options& options);

struct child_result {
    int exit_code = -1;  // 128 + signal number when killed by a signal
    bool timed_out = false;
    std::string output;  // stdout and stderr together

    bool ok() const noexcept { return !timed_out && exit_code == 0; }
    // "`what` exited with 1: <output>" for exception messages.
    std::string describe(const std::string& what) const;
};

// Runs argv to completion in its own process group; past the timeout the group is killed.
child_result run_child(const std::vector<std::string>& argv, const std::string& working_dir,
                       const std::optional<server_user>& user, std::chrono::seconds timeout);

}  // namespace retort::test::detail
