#pragma once
// support_tests can run as a child process of its own tests, playing a test process that
// exits normally or crashes, so the tests can check what the fixtures leave behind.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/child_process.hpp"

namespace retort::test {

// --child=<role> on the command line: plays the role and returns its exit code; nullopt otherwise.
//   print-postgres-url      prints "url <url>" or "unavailable <reason>", exits normally
//   start-server-and-abort  starts a postgres_server, prints "dir <socket dir>", aborts
//   require-postgres        runs one test whose body is RETORT_REQUIRE_POSTGRES(url) then prints "body ran"
std::optional<int> play_child_role(int argc, char** argv);

// Sets (or, with nullopt, unsets) environment variables for its lifetime.
class scoped_env {
public:
    explicit scoped_env(std::initializer_list<std::pair<std::string, std::optional<std::string>>> values);
    ~scoped_env();
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// Runs this executable as `--child=<role>` with the current environment.
detail::child_result run_self_as(std::string_view role);

// The text after "<key> " on the first line of `output` that starts with it ("" when absent).
std::string line_value(const std::string& output, std::string_view key);

}  // namespace retort::test
