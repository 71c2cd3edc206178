// What building a static statement costs: retort renders the SQL text at compile time, so
// building one is storing its parameter values, and its text is a constant.
//   build/<statement>/<dialect>/retort   the statement object built, its SQL text taken
//   build/<statement>/<dialect>/raw      the same text as a string literal, the values stored
// The values come through benchmark::DoNotOptimize, so the compiler cannot fold them in.
#include <benchmark/benchmark.h>

#include <string_view>

#include <retort/dsl.hpp>

#include "bench_options.hpp"
#include "bench_users.hpp"
#include "raw_sql.hpp"

namespace retort_bench {
namespace {

using retort::postgresql;
using retort::sqlite;

// What a hand-written program keeps for a statement: its values, next to its text (a
// string literal, see raw_sql.hpp).
struct raw_select_two_params {
    int age;
    std::string_view username;
};
struct raw_insert {
    std::string_view username;
    std::string_view email;
    int age;
};
struct raw_update {
    int age;
    std::string_view email;
    int id;
};

// The values, which the optimizer cannot see through: each iteration hands the whole
// struct to DoNotOptimize (its memory-operand form), then builds from it.
struct inputs {
    int id = 42;
    int age = 30;
    std::string_view username = "john_doe";
    std::string_view email = "john@example.com";
};

template <class D>
void select_two_params_retort(benchmark::State& state) {
    inputs in;
    for (auto _ : state) {
        benchmark::DoNotOptimize(in);
        auto statement = retort::select(users).where(users.age > in.age && users.username == in.username);
        std::string_view sql = retort::sql_text<D>(statement);
        benchmark::DoNotOptimize(statement);
        benchmark::DoNotOptimize(sql);
    }
}

template <class D>
void select_two_params_raw(benchmark::State& state) {
    inputs in;
    for (auto _ : state) {
        benchmark::DoNotOptimize(in);
        raw_select_two_params statement{in.age, in.username};
        std::string_view sql = raw_sql<D>::select_two_params;
        benchmark::DoNotOptimize(statement);
        benchmark::DoNotOptimize(sql);
    }
}

template <class D>
void insert_retort(benchmark::State& state) {
    inputs in;
    for (auto _ : state) {
        benchmark::DoNotOptimize(in);
        auto statement = retort::insert(users).values(users.username = in.username, users.email = in.email,
                                                      users.age = in.age);
        std::string_view sql = retort::sql_text<D>(statement);
        benchmark::DoNotOptimize(statement);
        benchmark::DoNotOptimize(sql);
    }
}

template <class D>
void insert_raw(benchmark::State& state) {
    inputs in;
    for (auto _ : state) {
        benchmark::DoNotOptimize(in);
        raw_insert statement{in.username, in.email, in.age};
        std::string_view sql = raw_sql<D>::insert;
        benchmark::DoNotOptimize(statement);
        benchmark::DoNotOptimize(sql);
    }
}

template <class D>
void update_retort(benchmark::State& state) {
    inputs in;
    for (auto _ : state) {
        benchmark::DoNotOptimize(in);
        auto statement = retort::update(users).set(users.age = in.age, users.email = in.email).where(users.id == in.id);
        std::string_view sql = retort::sql_text<D>(statement);
        benchmark::DoNotOptimize(statement);
        benchmark::DoNotOptimize(sql);
    }
}

template <class D>
void update_raw(benchmark::State& state) {
    inputs in;
    for (auto _ : state) {
        benchmark::DoNotOptimize(in);
        raw_update statement{in.age, in.email, in.id};
        std::string_view sql = raw_sql<D>::update;
        benchmark::DoNotOptimize(statement);
        benchmark::DoNotOptimize(sql);
    }
}

template <class D>
void register_dialect(const char* dialect) {
    const std::string d = dialect;
    auto add = [&](const std::string& name, void (*fn)(benchmark::State&)) {
        build_benchmark(benchmark::RegisterBenchmark(name.c_str(), fn));
    };
    add("build/select_two_params/" + d + "/retort", select_two_params_retort<D>);
    add("build/select_two_params/" + d + "/raw", select_two_params_raw<D>);
    add("build/insert/" + d + "/retort", insert_retort<D>);
    add("build/insert/" + d + "/raw", insert_raw<D>);
    add("build/update/" + d + "/retort", update_retort<D>);
    add("build/update/" + d + "/raw", update_raw<D>);
}

[[maybe_unused]] const bool registered = [] {
    register_dialect<sqlite>("sqlite");
    register_dialect<postgresql>("postgresql");
    return true;
}();

}  // namespace
}  // namespace retort_bench
