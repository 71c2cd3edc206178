// SQLite's BEGIN IMMEDIATE, for transactions that read and then write: a deferred transaction
// cannot take the write lock once another connection has written since its read (SQLite fails
// it at once, without the busy timeout); an immediate one takes the lock at BEGIN and waits.
#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "backend_fixture.hpp"

namespace retort::test {
namespace {

constexpr int threads = 8, per_thread = 40;

// Each thread reads the counter and writes it back plus one, in one transaction each time.
// Returns the transactions that failed; the counter must count the others.
int read_then_write_from_threads(engine& db, const std::function<transaction(connection&)>& begin) {
    {
        auto conn = db.connect();
        conn.exec_driver_sql("DROP TABLE IF EXISTS counter");
        conn.exec_driver_sql("CREATE TABLE counter (n INTEGER)");
        conn.exec_driver_sql("INSERT INTO counter VALUES (0)");
        conn.commit();
    }
    std::atomic<int> failed{0}, committed{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            auto conn = db.connect();
            for (int i = 0; i < per_thread; ++i) {
                try {
                    auto tx = begin(conn);
                    const auto n = query_int(conn, "SELECT n FROM counter");
                    conn.exec_driver_sql("UPDATE counter SET n = " + std::to_string(*n + 1));
                    tx.commit();
                    ++committed;
                } catch (const database_locked&) {
                    ++failed;
                }
            }
        });
    }
    for (auto& w : workers) w.join();
    auto conn = db.connect();
    EXPECT_EQ(query_int(conn, "SELECT n FROM counter"), committed.load()) << "an update was lost";
    return failed.load();
}

std::string file_url() { return "sqlite:///" + temp_sqlite_path() + "?timeout=60"; }

TEST(sqlite_begin, deferred_read_then_write_transactions_fail_under_concurrent_writers) {
    // Why the option exists: with BEGIN (deferred) some of these fail at once. How many depends
    // on scheduling; on one core it may be none, so only the counter is checked here.
    auto db = create_engine(file_url(), {.pool_size = threads});
    read_then_write_from_threads(db, [](connection& c) { return c.begin(); });
}

TEST(sqlite_begin, the_engine_option_makes_every_read_then_write_transaction_commit) {
    auto db = create_engine(file_url(), {.pool_size = threads, .sqlite_begin = sqlite_begin::immediate});
    EXPECT_EQ(read_then_write_from_threads(db, [](connection& c) { return c.begin(); }), 0);
}

TEST(sqlite_begin, a_transaction_can_ask_for_it) {
    auto db = create_engine(file_url(), {.pool_size = threads});
    EXPECT_EQ(read_then_write_from_threads(db, [](connection& c) { return c.begin(sqlite_begin::immediate); }), 0);
}

TEST(sqlite_begin, implicit_transactions_begin_the_engines_way) {
    const std::string url = file_url();
    auto db = create_engine(url, {.sqlite_begin = sqlite_begin::immediate});
    auto conn = db.connect();
    EXPECT_EQ(query_int(conn, "SELECT 1"), 1);  // autobegun: holds the write lock already
    auto other = create_engine(url.substr(0, url.find('?')) + "?timeout=0").connect();
    EXPECT_THROW(other.exec_driver_sql("CREATE TABLE t (x INTEGER)"), database_locked);
    other.rollback();
    conn.commit();
    other.exec_driver_sql("CREATE TABLE t (x INTEGER)");
    other.commit();
}

TEST(sqlite_begin, is_a_sqlite_option) {
    RETORT_REQUIRE_POSTGRES(url);
    EXPECT_THROW(create_engine(url, {.sqlite_begin = sqlite_begin::immediate}), argument_error);
    // Per transaction it changes nothing on PostgreSQL, which takes no lock at BEGIN.
    auto conn = create_engine(url).connect();
    auto tx = conn.begin(sqlite_begin::immediate);
    EXPECT_EQ(query_int(conn, "SELECT 1"), 1);
    tx.commit();
}

}  // namespace
}  // namespace retort::test
