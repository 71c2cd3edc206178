#pragma once
// The PostgreSQL server the benchmarks use: RETORT_BENCH_PG_URL, else RETORT_TEST_PG_URL
// (scripts/with-postgres sets it); nothing when neither is set, and the PostgreSQL
// benchmarks then skip with an error line saying so. PgBouncer (transaction pooling) in
// front of it likewise: RETORT_BENCH_PGBOUNCER_URL, else RETORT_TEST_PGBOUNCER_URL.
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>

#include <benchmark/benchmark.h>

#include "bench_check.hpp"

namespace retort_bench {

// The value of the first of `names` that is set and not empty.
inline std::optional<std::string> first_set(std::initializer_list<const char*> names) {
    for (const char* name : names) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') return std::string(value);
    }
    return std::nullopt;
}

inline std::optional<std::string> postgres_url() { return first_set({"RETORT_BENCH_PG_URL", "RETORT_TEST_PG_URL"}); }
inline std::optional<std::string> pgbouncer_url() {
    return first_set({"RETORT_BENCH_PGBOUNCER_URL", "RETORT_TEST_PGBOUNCER_URL"});
}

inline constexpr const char* no_postgres_url =
    "set RETORT_BENCH_PG_URL (or RETORT_TEST_PG_URL) to a PostgreSQL URL, or run under scripts/with-postgres";
inline constexpr const char* no_pgbouncer_url =
    "set RETORT_BENCH_PGBOUNCER_URL (or RETORT_TEST_PGBOUNCER_URL) to a PgBouncer URL, or run under "
    "scripts/with-postgres";

// Runs body(*url), or skips the benchmark with `missing` when there is no URL.
template <class Body>
void with_url(benchmark::State& state, const std::optional<std::string>& url, const char* missing, Body&& body) {
    if (!url) {
        state.SkipWithError(missing);
        return;
    }
    guarded(state, [&] { body(*url); });
}
// The same URL with retort's prepared statements off (unnamed statements, for PgBouncer).
inline std::string unnamed_statements(const std::string& url) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "prepared_statements=false";
}

template <class Body>
void with_server(benchmark::State& state, Body&& body) {
    with_url(state, postgres_url(), no_postgres_url, body);
}
template <class Body>
void with_pgbouncer(benchmark::State& state, Body&& body) {
    with_url(state, pgbouncer_url(), no_pgbouncer_url, body);
}

}  // namespace retort_bench
