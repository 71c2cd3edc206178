// What a checkout plus checkin costs, alone and with 8 threads fighting over 4
// connections, on real SQLite (memory, file) and PostgreSQL connections.
//   pool/checkout_checkin/uncontended/<backend>
//   pool/checkout_checkin/contended_8_threads/<backend>/threads:8
// Under contention read real_time (wall clock per checkout, all threads together)
// and items_per_second: CPU time leaves out the time spent waiting.
// PostgreSQL: RETORT_BENCH_PG_URL, else RETORT_TEST_PG_URL; skipped (with an error
// line in the report) when neither is set or the server cannot be reached.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <retort/engine/engine.hpp>

#include "connector.hpp"
#include "database_url.hpp"
#include "pool.hpp"

namespace {

namespace rd = retort::detail;

enum class backend { sqlite_memory, sqlite_file, postgresql };

const char* backend_name(backend b) {
    switch (b) {
        case backend::sqlite_memory: return "sqlite_memory";
        case backend::sqlite_file: return "sqlite_file";
        case backend::postgresql: return "postgresql";
    }
    return "";
}

// A database file for the whole run, removed at exit.
class bench_sqlite_file {
public:
    bench_sqlite_file()
        : path_(std::filesystem::temp_directory_path() / ("retort-pool-bench-" + std::to_string(getpid()) + ".db")) {}
    ~bench_sqlite_file() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    bench_sqlite_file(const bench_sqlite_file&) = delete;
    bench_sqlite_file& operator=(const bench_sqlite_file&) = delete;
    std::string url() const { return "sqlite:///" + path_.string(); }

private:
    std::filesystem::path path_;
};

std::optional<std::string> url_for(backend b) {
    switch (b) {
        case backend::sqlite_memory: return "sqlite://";
        case backend::sqlite_file: {
            static bench_sqlite_file file;
            return file.url();
        }
        case backend::postgresql:
            for (const char* name : {"RETORT_BENCH_PG_URL", "RETORT_TEST_PG_URL"}) {
                const char* value = std::getenv(name);
                if (value != nullptr && *value != '\0') return std::string(value);
            }
            return std::nullopt;
    }
    return std::nullopt;
}

// A queue pool over real connections, with one connection per slot opened up
// front so that connecting is not what gets measured.
class bench_pool {
public:
    bench_pool(backend b, int size) {
        const auto url = url_for(b);
        if (!url) {
            error_ = "set RETORT_BENCH_PG_URL (or RETORT_TEST_PG_URL) to a PostgreSQL URL";
            return;
        }
        try {
            pool_ = std::make_unique<rd::pool>(rd::pool_config{.size = size, .max_overflow = 0, .timeout = 60},
                                               rd::make_connector(rd::parse_database_url(*url), {}), listeners_);
            std::vector<std::unique_ptr<rd::connection_record>> warm;
            for (int i = 0; i < size; ++i) warm.push_back(pool_->checkout());
            for (auto& record : warm) pool_->checkin(std::move(record));
        } catch (const std::exception& e) {
            error_ = std::string(backend_name(b)) + ": " + e.what();
            pool_.reset();
        }
    }

    rd::pool* get() const noexcept { return pool_.get(); }
    const std::string& error() const noexcept { return error_; }

private:
    rd::pool_listeners listeners_;
    std::unique_ptr<rd::pool> pool_;
    std::string error_;
};

void checkout_checkin_loop(benchmark::State& state, rd::pool& pool) {
    for (auto _ : state) {
        auto record = pool.checkout();
        benchmark::DoNotOptimize(record.get());
        pool.checkin(std::move(record));
    }
    state.SetItemsProcessed(state.iterations());
}

void uncontended(benchmark::State& state, backend b) {
    bench_pool pool(b, 5);
    if (!pool.get()) {
        state.SkipWithError(pool.error().c_str());
        return;
    }
    checkout_checkin_loop(state, *pool.get());
}

// The contended benchmark's threads share one pool, made before they start.
std::unique_ptr<bench_pool> shared_pool;

template <backend B>
void make_shared_pool(const benchmark::State&) {
    shared_pool = std::make_unique<bench_pool>(B, 4);
}

void drop_shared_pool(const benchmark::State&) { shared_pool.reset(); }

void contended(benchmark::State& state) {
    if (!shared_pool || !shared_pool->get()) {
        state.SkipWithError(shared_pool ? shared_pool->error().c_str() : "no pool");
        return;
    }
    checkout_checkin_loop(state, *shared_pool->get());
}

template <backend B>
void register_for() {
    const std::string name = backend_name(B);
    benchmark::RegisterBenchmark(("pool/checkout_checkin/uncontended/" + name).c_str(),
                                 [](benchmark::State& state) { uncontended(state, B); });
    benchmark::RegisterBenchmark(("pool/checkout_checkin/contended_8_threads/" + name).c_str(), contended)
        ->Setup(make_shared_pool<B>)
        ->Teardown(drop_shared_pool)
        ->Threads(8);
}

[[maybe_unused]] const bool registered = [] {
    register_for<backend::sqlite_memory>();
    register_for<backend::sqlite_file>();
    register_for<backend::postgresql>();
    return true;
}();

}  // namespace
