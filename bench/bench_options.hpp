#pragma once
// How the SQL benchmarks run: a fixed number of iterations (each loads or reads a whole
// table), repeated (five times unless --benchmark_repetitions says otherwise, see
// bench_main.cpp); the median is the result. The time that counts is the CPU time for
// in-process work (SQLite, statement building), which other load on the machine barely
// disturbs, and wall-clock time for PostgreSQL, whose work happens in the server; there the
// client's CPU time is reported beside it. RETORT_BENCH_SMOKE=1, as the test suite sets it,
// runs every benchmark once on a hundredth of the rows: it checks that they work, not how fast.
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include <benchmark/benchmark.h>

namespace retort_bench {

inline bool smoke_run() {
    static const bool smoke = [] {
        const char* value = std::getenv("RETORT_BENCH_SMOKE");
        return value != nullptr && std::string_view(value) != "" && std::string_view(value) != "0";
    }();
    return smoke;
}

// A row count, cut down for a smoke run.
inline int rows(int full) { return smoke_run() ? std::max(full / 100, 10) : full; }

inline void sql_benchmark(benchmark::internal::Benchmark* b, int iterations) {
    b->Iterations(smoke_run() ? 1 : iterations);
    b->Unit(benchmark::kMillisecond);
}

// A client-server benchmark: wall-clock time is what counts; cpu_time is the client's.
inline void server_benchmark(benchmark::internal::Benchmark* b, int iterations) {
    sql_benchmark(b, iterations);
    b->UseRealTime();
}

// Nanosecond benchmarks (statement building): Google Benchmark picks the iterations.
inline void build_benchmark(benchmark::internal::Benchmark* b) {
    if (smoke_run()) b->Iterations(1000);
    else b->MinTime(0.2);
    b->Unit(benchmark::kNanosecond);
}

}  // namespace retort_bench
