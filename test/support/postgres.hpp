#pragma once
// PostgreSQL (and SQLite file) fixtures for retort's tests: real servers, no mocks.
//
// Shared server: scripts/with-postgres starts one throwaway PostgreSQL 15 server for a whole
// test run and exports RETORT_TEST_PG_URL. Each test process gets its own database on it
// (retort_test_<pid>), so suites run in parallel without seeing each other's tables.
// Without that variable a process starts a private server of its own.
//
// Environment:
//   RETORT_TEST_PG_URL  URL of a server's maintenance database (empty counts as unset)
//   RETORT_PG_BINDIR    where initdb/pg_ctl live (default /usr/lib/postgresql/15/bin)
//   CI=true             a test that needs PostgreSQL fails instead of skipping
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace retort::test {

namespace detail {
class server_watchdog;
}

// A URL of a fresh empty database for this test process on the shared server
// (RETORT_TEST_PG_URL), or on a private server the process starts itself when the variable is
// unset (started once, stopped at exit). The database is created on first call
// (retort_test_<pid>) and dropped at exit. nullopt (with reason()) when no server can be had.
std::optional<std::string> postgres_url();
// Why postgres_url() is nullopt (empty while it is not).
std::string postgres_unavailable_reason();

// The environment says this is a CI run (CI=true): missing services are failures there.
bool in_ci();

// A private throwaway server (own initdb dir, own socket dir) for tests that stop/restart it.
// Listens only on a Unix socket in its own directory. As root, initdb and the server run as
// the `postgres` user. A watchdog process stops the server and removes its directory if the
// test process dies without running the destructor (crash, sanitizer abort, test timeout).
// Throws std::runtime_error with the tool's output when initdb or pg_ctl fails.
class postgres_server {
public:
    postgres_server();   // initdb + start
    ~postgres_server();  // stop + remove
    postgres_server(const postgres_server&) = delete;
    postgres_server& operator=(const postgres_server&) = delete;

    // postgresql://postgres@/<database>?host=<socket_dir>
    std::string url(std::string_view database = "postgres") const;
    void stop();  // fast shutdown (pg_ctl -m fast); no-op when stopped
    void start();  // no-op when running
    void restart();

    bool running() const noexcept { return running_; }
    // The directory holding the Unix socket (and the data directory, data/).
    const std::string& socket_dir() const noexcept { return root_dir_; }

private:
    void pg_ctl_stop(std::string_view mode);

    std::string bin_dir_;
    std::string root_dir_;
    bool running_ = false;
    std::unique_ptr<detail::server_watchdog> watchdog_;
};

// An SQLite file path in a fresh temp dir, removed at exit. The file does not exist yet.
std::string temp_sqlite_path(std::string_view name = "test.db");

}  // namespace retort::test

// In a TEST body (or SetUp): declares `std::string var` holding postgres_url().
// When no server can be had, fails the test in CI and skips it elsewhere, saying why.
#define RETORT_REQUIRE_POSTGRES(var)                                                              \
    const std::optional<std::string> retort_postgres_url_##var = ::retort::test::postgres_url(); \
    if (!retort_postgres_url_##var) {                                                             \
        if (::retort::test::in_ci()) {                                                            \
            FAIL() << "PostgreSQL is required (CI=true) but unavailable: "                       \
                   << ::retort::test::postgres_unavailable_reason();                             \
        } else {                                                                                  \
            GTEST_SKIP() << "PostgreSQL unavailable: " << ::retort::test::postgres_unavailable_reason(); \
        }                                                                                         \
    }                                                                                             \
    std::string var = *retort_postgres_url_##var
