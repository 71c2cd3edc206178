#pragma once
// What every SQL benchmark does around its timed loop: turns an exception into a skipped
// benchmark with the reason (instead of terminating the run), checks that the work was
// done (rows loaded, rows read), and consumes what was read so that nothing is optimized
// away.
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>

namespace retort_bench {

template <class F>
void guarded(benchmark::State& state, F&& body) {
    try {
        body();
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

// A wrong count makes the benchmark an error: its time would measure something else.
inline void expect_count(benchmark::State& state, std::int64_t got, std::int64_t expected, std::string_view what) {
    if (got == expected) return;
    const std::string message =
        std::string(what) + ": expected " + std::to_string(expected) + ", got " + std::to_string(got);
    state.SkipWithError(message.c_str());
}

// Inputs and results the optimizer must not see through. Not benchmark::DoNotOptimize(T&) on
// small variables: with GCC 12 its "+m,r" operand can lose the variable's value when a
// lambda reads it by reference afterwards (seen here: a select bound garbage for its age).
template <class T>
T opaque(T value) {
    volatile T copy = value;
    return copy;
}
template <class T>
void consume(const T& value) {
    benchmark::DoNotOptimize(value);  // the const overload: an input operand only
}

// Every field of a row, folded into a number the benchmark keeps.
inline std::int64_t digest(std::int64_t id, std::string_view username, std::string_view email,
                           const std::optional<int>& age) {
    return id + std::int64_t(username.size()) + std::int64_t(email.size()) + username.back() + email.front() +
           age.value_or(-1);
}

}  // namespace retort_bench
