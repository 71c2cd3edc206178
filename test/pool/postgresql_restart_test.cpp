// A PostgreSQL server restarted under the pool (a private server of the test's own):
// pool_pre_ping hides the restart from the application; without it the first use of
// a dead connection fails with connection_lost and the pool recovers right after.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "support/postgres.hpp"

namespace retort::test {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

class postgresql_restart : public ::testing::Test {
protected:
    // One server for the suite: initdb costs seconds.
    static void SetUpTestSuite() {
        try {
            server_ = std::make_unique<postgres_server>();
        } catch (const std::exception& e) {
            unavailable_ = e.what();
        }
    }
    static void TearDownTestSuite() { server_.reset(); }

    void SetUp() override {
        if (!server_) {
            if (in_ci()) GTEST_FAIL() << "PostgreSQL is required (CI=true) but a private server failed: " << unavailable_;
            GTEST_SKIP() << "no private PostgreSQL server: " << unavailable_;
        }
        server_->start();  // a failed test may have left it stopped
    }

    // Checks out `n` connections at once and uses each, so the pool holds n idle ones.
    static void warm(engine& e, int n) {
        std::vector<connection> held;
        for (int i = 0; i < n; ++i) {
            held.push_back(e.connect());
            held.back().exec_driver_sql("SELECT 1");
        }
    }

    static inline std::unique_ptr<postgres_server> server_;
    static inline std::string unavailable_;
};

TEST_F(postgresql_restart, pre_ping_hides_a_restart_from_checkouts_made_after_it) {
    auto engine = create_engine(server_->url(), {.pool_size = 3, .max_overflow = 0, .pool_timeout = 10,
                                                 .pool_pre_ping = true});
    std::atomic<int> invalidations{0};
    engine.on_invalidate([&](const pool_event&) { invalidations.fetch_add(1); });
    warm(engine, 3);

    // Workers keep checking out while the server goes down and comes back.
    std::atomic<bool> running{true};
    std::atomic<clock_type::rep> restarted_at{clock_type::time_point::max().time_since_epoch().count()};
    std::atomic<int> ok_after{0}, failed_after{0}, failed_during{0};
    std::string first_failure_after;
    std::mutex failure_mutex;
    std::vector<std::thread> workers;
    for (int t = 0; t < 3; ++t) {
        workers.emplace_back([&] {
            while (running.load()) {
                const auto started = clock_type::now().time_since_epoch().count();
                try {
                    auto conn = engine.connect();
                    conn.exec_driver_sql("SELECT 1");
                    if (started > restarted_at.load()) ok_after.fetch_add(1);
                } catch (const retort::error& e) {
                    if (started > restarted_at.load()) {
                        std::lock_guard lock(failure_mutex);
                        if (failed_after.fetch_add(1) == 0) first_failure_after = e.what();
                    } else {
                        failed_during.fetch_add(1);  // the server is down: expected
                        std::this_thread::sleep_for(10ms);
                    }
                }
            }
        });
    }
    std::this_thread::sleep_for(100ms);
    server_->stop();
    std::this_thread::sleep_for(100ms);
    server_->start();
    restarted_at = clock_type::now().time_since_epoch().count();
    const auto deadline = clock_type::now() + 10s;
    while (ok_after.load() < 300 && clock_type::now() < deadline) std::this_thread::sleep_for(10ms);
    running = false;
    for (auto& worker : workers) worker.join();

    EXPECT_EQ(failed_after.load(), 0) << "a checkout after the restart failed: " << first_failure_after;
    EXPECT_GE(ok_after.load(), 300);
    EXPECT_GE(invalidations.load(), 1) << "no ping ever failed: the restart was not seen";
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST_F(postgresql_restart, without_pre_ping_the_first_use_fails_and_the_pool_recovers) {
    auto engine = create_engine(server_->url(), {.pool_size = 3, .max_overflow = 0, .pool_timeout = 10});
    std::vector<std::uint64_t> invalidated;
    engine.on_invalidate([&](const pool_event& e) { invalidated.push_back(e.connection_id); });
    warm(engine, 3);

    server_->restart();

    EXPECT_THROW(
        {
            auto conn = engine.connect();
            conn.exec_driver_sql("SELECT 1");
        },
        retort::connection_lost);
    EXPECT_EQ(invalidated.size(), 1u);

    // Every connection from before the restart was invalidated with the first one:
    // none of them reaches the application again.
    for (int i = 0; i < 10; ++i) {
        std::vector<connection> held;
        for (int j = 0; j < 3; ++j) {
            held.push_back(engine.connect());
            EXPECT_NO_THROW(held.back().exec_driver_sql("SELECT 1")) << "round " << i << ", connection " << j;
        }
    }
    EXPECT_EQ(invalidated.size(), 1u);
    EXPECT_EQ(engine.status().checked_out, 0);
}

}  // namespace
}  // namespace retort::test
