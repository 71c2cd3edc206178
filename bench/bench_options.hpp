#pragma once
// How the SQL benchmarks run: a fixed number of iterations (each loads or reads a whole
// table) and five repetitions, whose median is the result. The time that counts is the
// process's CPU time for in-process work (SQLite, statement building), which other load
// on the machine barely disturbs, and wall-clock time for PostgreSQL, whose work happens
// in the server. RETORT_BENCH_SMOKE=1, as the test suite sets it, runs every benchmark
// once on a hundredth of the rows: it checks that they work, not how fast.
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
    if (smoke_run()) b->Iterations(1)->Repetitions(1);
    else b->Iterations(iterations)->Repetitions(5)->DisplayAggregatesOnly(true);
    b->Unit(benchmark::kMillisecond);
}

// A client-server benchmark: wall-clock time is what counts.
inline void server_benchmark(benchmark::internal::Benchmark* b, int iterations) {
    sql_benchmark(b, iterations);
    b->UseRealTime();
}

// Nanosecond benchmarks (statement building): Google Benchmark picks the iterations.
inline void build_benchmark(benchmark::internal::Benchmark* b) {
    if (smoke_run()) b->Iterations(1000)->Repetitions(1);
    else b->MinTime(0.2)->Repetitions(5)->DisplayAggregatesOnly(true);
}

}  // namespace retort_bench
