#pragma once
// How a pair's two sides run. A side is a class made with its database ready (its constructor
// is setup, untimed), with pass() (the work timed), optionally before_pass() (untimed: the
// table emptied) and check(state) (the work was done). alone<Side> times one side, as Google
// Benchmark does. in_turns<Retort, Raw> times both in one benchmark: one pass of each per
// iteration, in alternating order, on the thread's CPU clock, and reports the median of the
// iterations' ratios as its `ratio` counter (and each side's median pass in ms). This host's
// speed drifts over seconds to minutes (docs/benchmarks.md, "The machine, and its load"): the
// medians of two benchmarks run apart drift with it, two passes a tenth of a second apart do not.
#include <algorithm>
#include <ctime>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_check.hpp"

namespace retort_bench {

template <class Side>
void before_pass(benchmark::State& state, Side& side) {
    if constexpr (requires { side.before_pass(); }) {
        state.PauseTiming();
        side.before_pass();
        state.ResumeTiming();
    }
}

template <class Side>
void alone(benchmark::State& state) {
    guarded(state, [&] {
        Side side;
        for (auto _ : state) {
            before_pass(state, side);
            side.pass();
        }
        side.check(state);
    });
}

inline double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

template <class Side>
double timed_pass(Side& side) {
    const double start = thread_cpu_seconds();
    side.pass();
    return thread_cpu_seconds() - start;
}

inline double median_of(std::vector<double> values) {
    if (values.empty()) return 0;
    const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1) return *middle;
    return (*middle + *std::max_element(values.begin(), middle)) / 2;
}

template <class Retort, class Raw>
void in_turns(benchmark::State& state) {
    guarded(state, [&] {
        Retort retort;
        Raw raw;
        std::vector<double> ratios, retort_times, raw_times;
        bool retort_first = true;  // (alternating: neither side always runs on the other's leftovers)
        for (auto _ : state) {
            before_pass(state, retort);
            before_pass(state, raw);
            double retort_time = 0, raw_time = 0;
            if (retort_first) {
                retort_time = timed_pass(retort);
                raw_time = timed_pass(raw);
            } else {
                raw_time = timed_pass(raw);
                retort_time = timed_pass(retort);
            }
            retort_first = !retort_first;
            ratios.push_back(retort_time / raw_time);
            retort_times.push_back(retort_time);
            raw_times.push_back(raw_time);
        }
        retort.check(state);
        raw.check(state);
        state.counters["ratio"] = median_of(ratios);
        state.counters["retort_ms"] = median_of(retort_times) * 1e3;
        state.counters["raw_ms"] = median_of(raw_times) * 1e3;
    });
}

}  // namespace retort_bench
