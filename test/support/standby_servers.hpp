#pragma once
// The servers beside the shared one that scripts/with-postgres starts for the scaling tests:
// a streaming hot-standby replica and PgBouncer in transaction pooling mode (see that script).
//
// Environment:
//   RETORT_TEST_PG_REPLICA_URL   the replica's maintenance database
//   RETORT_TEST_PG_REPLICA_DATA  the replica's data directory (for pg_ctl)
//   RETORT_TEST_PGBOUNCER_URL    PgBouncer's URL for the maintenance database
#include <optional>
#include <string>
#include <string_view>

#include "support/postgres.hpp"

namespace retort::test {

// The URL of this process's test database (postgres_url()) on the server named by the
// environment variable `variable`, or nullopt (with standby_unavailable_reason()).
std::optional<std::string> standby_url(const char* variable);
std::string standby_unavailable_reason(const char* variable);

// `url` with one more query option ("name=value"): PgBouncer's URLs take
// prepared_statements=false this way.
std::string url_with_option(const std::string& url, std::string_view option);

// pg_ctl stop (fast) / start on the replica (as the server account when root).
// Throws std::runtime_error with pg_ctl's output on failure.
void stop_replica();
void start_replica();

}  // namespace retort::test

// In a TEST body: declares `std::string var` holding standby_url(VARIABLE); fails in CI and
// skips elsewhere when that server is missing.
#define RETORT_REQUIRE_STANDBY(var, variable)                                                       \
    const std::optional<std::string> retort_standby_url_##var = ::retort::test::standby_url(variable); \
    if (!retort_standby_url_##var) {                                                                \
        if (::retort::test::in_ci()) {                                                              \
            FAIL() << variable << " is required (CI=true) but unavailable: "                         \
                   << ::retort::test::standby_unavailable_reason(variable);                         \
        } else {                                                                                    \
            GTEST_SKIP() << variable << " unavailable: " << ::retort::test::standby_unavailable_reason(variable); \
        }                                                                                           \
    }                                                                                               \
    std::string var = *retort_standby_url_##var
