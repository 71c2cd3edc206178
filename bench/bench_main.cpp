// retort-bench's main(): Google Benchmark's, with default repetitions and aggregates that the
// command line overrides. Repetitions set in code (Benchmark::Repetitions) would win over
// --benchmark_repetitions, so the defaults are given here as flags instead: five repetitions
// whose median is the result (one in a smoke run), aggregates shown on the console only.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "bench_options.hpp"

namespace {

bool given(int argc, char** argv, std::string_view flag) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with(flag) && (arg.size() == flag.size() || arg[flag.size()] == '=')) return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> defaults;
    if (!given(argc, argv, "--benchmark_repetitions"))
        defaults.push_back("--benchmark_repetitions=" + std::to_string(retort_bench::smoke_run() ? 1 : 5));
    if (!given(argc, argv, "--benchmark_display_aggregates_only") && !retort_bench::smoke_run())
        defaults.push_back("--benchmark_display_aggregates_only=true");
    std::vector<char*> args(argv, argv + argc);
    for (auto& flag : defaults) args.insert(args.begin() + 1, flag.data());
    int count = int(args.size());
    args.push_back(nullptr);
    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
