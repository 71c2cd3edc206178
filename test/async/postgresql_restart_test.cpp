// A PostgreSQL server restarted under a load of coroutines (a private server of the test's
// own): statements caught by the restart fail with connection_lost, the pool replaces the dead
// connections, and every statement after the restart succeeds.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <gtest/gtest.h>

#include "async_test_support.hpp"
#include "support/postgres.hpp"

namespace retort::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

TEST(async_postgresql_restart, the_pool_recovers_from_a_restart_during_a_load) {
    std::unique_ptr<postgres_server> server;
    try {
        server = std::make_unique<postgres_server>();
    } catch (const std::exception& e) {
        if (in_ci()) GTEST_FAIL() << "PostgreSQL is required (CI=true) but a private server failed: " << e.what();
        GTEST_SKIP() << "no private PostgreSQL server: " << e.what();
    }
    asio::io_context io;
    auto engine = create_async_engine(io, server->url(), {.pool_size = 5, .max_overflow = 0, .pool_timeout = 30,
                                                          .pool_pre_ping = true});
    std::atomic<int> restarted{0};  // 0 before, 1 during, 2 after
    int ok_after = 0, failed_after = 0, failed_during = 0;
    std::atomic<int> ok_before{0};
    std::string first_failure_after;
    constexpr int workers = 20, goal_after = 200;
    int running_workers = workers;
    for (int w = 0; w < workers; ++w)
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                for (int i = 0; i < 100000 && ok_after < goal_after; ++i) {
                    const int phase = restarted.load();
                    bool failed = false;
                    try {
                        auto conn = co_await engine.connect();
                        co_await conn.exec_driver_sql("SELECT 1");
                        if (phase == 2) ++ok_after;
                        else if (phase == 0) ++ok_before;
                    } catch (const retort::error& e) {
                        if (phase == 2) {
                            if (failed_after++ == 0) first_failure_after = e.what();
                        } else {
                            ++failed_during;
                        }
                        failed = true;
                    }
                    if (failed) {
                        // The server is down: try again a little later.
                        asio::steady_timer pause(io, 10ms);
                        co_await pause.async_wait(asio::use_awaitable);
                    }
                }
                --running_workers;
            },
            asio::detached);
    std::thread restarter([&] {
        // Restart once the load is on: 100 statements have succeeded before it.
        for (int i = 0; i < 30000 && ok_before.load() < 100; ++i) std::this_thread::sleep_for(1ms);
        restarted = 1;
        server->restart();
        restarted = 2;
    });
    io.run();
    restarter.join();
    EXPECT_EQ(running_workers, 0);
    EXPECT_GE(ok_after, goal_after);
    EXPECT_EQ(failed_after, 0) << first_failure_after;
    EXPECT_EQ(engine.status().checked_out, 0);
}

}  // namespace
}  // namespace retort::test
