// One connection used from two threads at once: the second is refused at once with
// invalid_request_error, never left hanging in libpq or let loose on an sqlite3 handle.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "backend_fixture.hpp"

namespace retort::test {
namespace {

class connection_use_test : public backend_test {};

// SELECT 1 through a cached statement: once prepared, trying it touches nothing of the
// connection another thread is using.
std::optional<std::int64_t> select_one(connection& conn) {
    constexpr std::size_t key = 50000;
    auto statement = conn.prepare(key, "SELECT 1");
    conn.run(*statement, "SELECT 1", {});
    if (!statement->next()) return std::nullopt;
    return statement->get_int(0);
}

// A statement on `conn` that waits for a lock `holder` keeps: an advisory lock on PostgreSQL,
// the write lock on SQLite (inside the busy timeout).
TEST_P(connection_use_test, a_second_thread_is_refused_while_the_first_waits_in_the_database) {
    auto db = create_engine(is_postgresql() ? url_ : with_option(url_, "timeout=120"));
    {
        auto setup = db.connect();
        recreate(setup, "use_t", "x INTEGER");
        setup.commit();
    }
    const std::string blocking =
        is_postgresql() ? "SELECT 1 FROM pg_advisory_xact_lock(4711)" : "INSERT INTO use_t VALUES (1)";
    auto holder = db.connect();
    if (is_postgresql())
        query_int(holder, blocking);
    else
        holder.exec_driver_sql("INSERT INTO use_t VALUES (0)");

    auto shared = db.connect();
    EXPECT_EQ(select_one(shared), 1);  // prepared, and its transaction begun, before the threads share it

    std::atomic<bool> waiter_done{false};
    std::optional<std::string> waiter_error;
    std::thread waiter([&] {
        // Refused too when the main thread's statement happens to run as it starts: try again.
        for (int attempt = 0; attempt < 100000; ++attempt) {
            try {
                auto statement = shared.prepare(driver::uncached, blocking);
                shared.run(*statement, blocking, {});
                break;
            } catch (const invalid_request_error&) {
                std::this_thread::yield();
            } catch (const std::exception& e) {
                waiter_error = e.what();
                break;
            }
        }
        waiter_done = true;
    });

    bool reached = true;
    if (is_postgresql()) {
        // Bounded wait until the server shows the waiter blocked on the lock.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (query_int(holder, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4711 AND "
                                 "NOT granted") != 1) {
            if (waiter_done || std::chrono::steady_clock::now() >= give_up) {
                reached = false;
                break;
            }
            std::this_thread::yield();
        }
    }
    bool refused = false;
    std::string message;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (reached && !refused && !waiter_done && std::chrono::steady_clock::now() < give_up) {
        try {
            select_one(shared);  // the waiter has not begun yet
            std::this_thread::yield();
        } catch (const invalid_request_error& e) {
            refused = true;
            message = e.what();
        }
    }
    holder.rollback();  // lets the waiter through
    waiter.join();
    EXPECT_TRUE(reached) << "the waiting statement never reached the server"
                         << (waiter_error ? ": " + *waiter_error : std::string());
    EXPECT_TRUE(refused) << "a second thread ran a statement on a connection another thread was using";
    EXPECT_NE(message.find("connection used concurrently from two threads"), std::string::npos) << message;
    EXPECT_FALSE(waiter_error) << waiter_error.value_or("");
    // The connection is fine for its one thread afterwards.
    EXPECT_EQ(select_one(shared), 1);
    shared.commit();
}

INSTANTIATE_TEST_SUITE_P(all, connection_use_test,
                         ::testing::Values(backend::sqlite_file, backend::postgresql), backend_name);

}  // namespace
}  // namespace retort::test
