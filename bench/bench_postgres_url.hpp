#pragma once
// The PostgreSQL server the benchmarks use: RETORT_BENCH_PG_URL, else RETORT_TEST_PG_URL
// (scripts/with-postgres sets it); nothing when neither is set, and the PostgreSQL
// benchmarks then skip with an error line saying so.
#include <cstdlib>
#include <optional>
#include <string>

namespace retort_bench {

inline std::optional<std::string> postgres_url() {
    for (const char* name : {"RETORT_BENCH_PG_URL", "RETORT_TEST_PG_URL"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') return std::string(value);
    }
    return std::nullopt;
}

inline constexpr const char* no_postgres_url =
    "set RETORT_BENCH_PG_URL (or RETORT_TEST_PG_URL) to a PostgreSQL URL, or run under scripts/with-postgres";

// PgBouncer in transaction pooling mode in front of that server: RETORT_BENCH_PGBOUNCER_URL,
// else RETORT_TEST_PGBOUNCER_URL (scripts/with-postgres starts one).
inline std::optional<std::string> pgbouncer_url() {
    for (const char* name : {"RETORT_BENCH_PGBOUNCER_URL", "RETORT_TEST_PGBOUNCER_URL"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') return std::string(value);
    }
    return std::nullopt;
}

inline constexpr const char* no_pgbouncer_url =
    "set RETORT_BENCH_PGBOUNCER_URL (or RETORT_TEST_PGBOUNCER_URL) to a PgBouncer URL, or run under "
    "scripts/with-postgres";

}  // namespace retort_bench
