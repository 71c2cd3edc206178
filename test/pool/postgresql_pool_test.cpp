// The pool under load against a real PostgreSQL server, through the engine: the
// server never sees more than pool_size + max_overflow connections, no checkout is
// lost, pool_timeout fires on time, and a failed transaction comes back clean.
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "postgresql_test_helpers.hpp"
#include "support/libpq_session.hpp"
#include "support/postgres.hpp"

namespace retort::test {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

TEST(postgresql_pool, thirty_two_threads_share_eight_connections_and_lose_no_checkout) {
    RETORT_REQUIRE_POSTGRES(url);
    constexpr int threads = 32, per_thread = 1000;
    constexpr auto app = "retort_pool_stress";
    auto engine = create_engine(with_option(url, std::string("application_name=") + app),
                                {.pool_size = 4, .max_overflow = 4, .pool_timeout = 30});

    libpq_session monitor(url);
    std::atomic<bool> running{true};
    int most_seen = 0, samples = 0;
    std::thread watcher([&] {
        while (running.load()) {
            most_seen = std::max(most_seen, server_connections(monitor, app));
            ++samples;
            std::this_thread::sleep_for(2ms);
        }
    });

    std::atomic<int> completed{0}, failed{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (int i = 0; i < per_thread; ++i) {
                try {
                    auto conn = engine.connect();
                    conn.exec_driver_sql("SELECT 1");
                    completed.fetch_add(1);
                } catch (const std::exception& e) {
                    if (failed.fetch_add(1) == 0) ADD_FAILURE() << e.what();
                }
            }
        });
    }
    for (auto& worker : workers) worker.join();
    running = false;
    watcher.join();

    EXPECT_EQ(completed.load(), threads * per_thread);
    EXPECT_EQ(failed.load(), 0);
    EXPECT_LE(most_seen, 8) << "the server saw more than pool_size + max_overflow connections";
    EXPECT_GE(most_seen, 4) << "over " << samples << " samples the server never saw the pool under load";
    const pool_status s = engine.status();
    EXPECT_EQ(s.checked_out, 0);
    EXPECT_LE(s.idle + s.checked_out, 8);
    // Backends of connections closed at the very end may take a moment to exit.
    int open_on_server = server_connections(monitor, app);
    for (int i = 0; i < 100 && open_on_server != s.idle; ++i) {
        std::this_thread::sleep_for(20ms);
        open_on_server = server_connections(monitor, app);
    }
    EXPECT_EQ(open_on_server, s.idle) << "open connections the pool does not know of";
}

TEST(postgresql_pool, pool_timeout_fires_after_pool_timeout_when_all_eight_are_held) {
    RETORT_REQUIRE_POSTGRES(url);
    constexpr auto app = "retort_pool_timeout";
    auto engine = create_engine(with_option(url, std::string("application_name=") + app),
                                {.pool_size = 4, .max_overflow = 4, .pool_timeout = 0.5});
    std::vector<connection> held;
    for (int i = 0; i < 8; ++i) {
        held.push_back(engine.connect());
        held.back().exec_driver_sql("SELECT 1");
    }
    libpq_session monitor(url);
    EXPECT_EQ(server_connections(monitor, app), 8);

    const auto start = clock_type::now();
    try {
        auto ninth = engine.connect();
        FAIL() << "a ninth connection was handed out";
    } catch (const retort::pool_timeout& e) {
        EXPECT_STREQ(e.what(), "QueuePool limit of size 4 overflow 4 reached, connection timed out, timeout 0.50");
    }
    const double waited = std::chrono::duration<double>(clock_type::now() - start).count();
    EXPECT_GE(waited, 0.5) << "gave up before pool_timeout";
    EXPECT_LT(waited, 1.5) << "waited far longer than pool_timeout";

    // One comes back: the next checkout gets it without waiting for the timeout.
    held.pop_back();
    const auto again = clock_type::now();
    auto ninth = engine.connect();
    ninth.exec_driver_sql("SELECT 1");
    EXPECT_LT(std::chrono::duration<double>(clock_type::now() - again).count(), 0.4);
    EXPECT_EQ(server_connections(monitor, app), 8);
}

TEST(postgresql_pool, an_exception_inside_a_transaction_returns_the_connection_clean) {
    RETORT_REQUIRE_POSTGRES(url);
    auto engine = create_engine(url, {.pool_size = 1, .max_overflow = 0});
    std::vector<std::uint64_t> checkouts;
    driver::connection* dbapi = nullptr;
    engine.on_checkout([&](const pool_event& e) {
        checkouts.push_back(e.connection_id);
        dbapi = e.dbapi_connection;
    });
    engine.transaction([](connection& conn) {
        conn.exec_driver_sql("CREATE TABLE pool_clean_return (id integer PRIMARY KEY)");
    });

    EXPECT_THROW(engine.transaction([](connection& conn) {
        conn.exec_driver_sql("INSERT INTO pool_clean_return VALUES (1)");
        throw std::runtime_error("application error after the insert");
    }),
                 std::runtime_error);
    EXPECT_THROW(
        {
            auto conn = engine.connect();  // commit-as-you-go: the INSERT autobegins a transaction
            conn.exec_driver_sql("INSERT INTO pool_clean_return VALUES (2)");
            throw std::runtime_error("escaped before commit()");
        },
        std::runtime_error);

    auto conn = engine.connect();
    ASSERT_EQ(checkouts.size(), 4u);
    EXPECT_EQ(checkouts[3], checkouts[0]) << "not the same physical connection: the test proves nothing";
    ASSERT_NE(dbapi, nullptr);
    EXPECT_FALSE(dbapi->in_transaction()) << "handed out inside the failed transaction";
    EXPECT_EQ(driver_scalar(*dbapi, "SELECT count(*) FROM pool_clean_return"), 0) << "sees uncommitted rows";
    libpq_session other(url);
    EXPECT_EQ(other.exec("SELECT count(*) FROM pool_clean_return"), "0");
}

}  // namespace
}  // namespace retort::test
