#pragma once
// How a pair's two sides run. A side is a class made with its database ready (its constructor
// is setup, untimed), with pass() (the work timed), optionally before_pass() (untimed: the
// table emptied) and check(state) (the work was done). alone<Side> times one side, as Google
// Benchmark does. in_turns<Retort, Raw> times both in one benchmark: one pass of each per
// iteration, on the thread's CPU clock, the order alternating, so that of two iterations in a
// row each side has run once right after itself (its data and code still in the caches) and
// once right after the other side. Its `ratio` counter is the median over such couples of
// iterations of retort's time over raw's (and retort_ms and raw_ms each side's median pass).
// This host's speed drifts over seconds to minutes (docs/benchmarks.md, "The machine, and its
// load"): the medians of two benchmarks run apart drift with it, a couple of iterations does not.
#include <algorithm>
#include <cstddef>
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
        std::vector<double> retort_times, raw_times;
        bool retort_first = true;
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
            retort_times.push_back(retort_time);
            raw_times.push_back(raw_time);
        }
        // A ratio per couple of iterations (one iteration alone when there is no second).
        std::vector<double> ratios;
        for (std::size_t i = 0; i + 1 < retort_times.size(); i += 2)
            ratios.push_back((retort_times[i] + retort_times[i + 1]) / (raw_times[i] + raw_times[i + 1]));
        if (ratios.empty() && !retort_times.empty()) ratios.push_back(retort_times[0] / raw_times[0]);
        retort.check(state);
        raw.check(state);
        state.counters["ratio"] = median_of(ratios);
        state.counters["retort_ms"] = median_of(retort_times) * 1e3;
        state.counters["raw_ms"] = median_of(raw_times) * 1e3;
    });
}

}  // namespace retort_bench
