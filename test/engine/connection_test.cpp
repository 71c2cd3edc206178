// connection: autobegin, commit/rollback, close and reuse, invalidation, values
// through prepare()/run(), on SQLite (memory and file) and PostgreSQL.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "backend_fixture.hpp"

namespace retort::test {
namespace {

class connection_test : public backend_test {};

TEST_P(connection_test, first_statement_autobegins_and_commit_ends_it) {
    auto engine = make_engine();
    auto conn = engine.connect();
    EXPECT_FALSE(conn.in_transaction());
    recreate(conn, "autobegin_t", "x INTEGER");
    EXPECT_TRUE(conn.in_transaction());
    conn.exec_driver_sql("INSERT INTO autobegin_t VALUES (1)");
    conn.commit();
    EXPECT_FALSE(conn.in_transaction());
    conn.commit();    // nothing open: a no-op
    conn.rollback();  // likewise
    conn.close();
    auto reader = engine.connect();
    EXPECT_EQ(query_int(reader, "SELECT count(*) FROM autobegin_t"), 1);
}

TEST_P(connection_test, uncommitted_work_is_invisible_to_others_and_rolled_back_at_close) {
    auto engine = make_engine();
    {
        auto setup = engine.connect();
        recreate(setup, "invisible_t", "x INTEGER");
        setup.commit();
    }
    {
        auto writer = engine.connect();
        writer.exec_driver_sql("INSERT INTO invisible_t VALUES (1)");
        if (!one_connection_only()) {
            auto reader = engine.connect();
            EXPECT_EQ(query_int(reader, "SELECT count(*) FROM invisible_t"), 0);
        }
    }  // destroyed uncommitted: rolled back
    auto reader = engine.connect();
    EXPECT_EQ(query_int(reader, "SELECT count(*) FROM invisible_t"), 0);
}

TEST_P(connection_test, rollback_discards) {
    auto engine = make_engine();
    auto conn = engine.connect();
    recreate(conn, "rollback_t", "x INTEGER");
    conn.commit();
    conn.exec_driver_sql("INSERT INTO rollback_t VALUES (1)");
    conn.rollback();
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM rollback_t"), 0);
}

TEST_P(connection_test, close_returns_to_the_pool_and_use_after_close_throws) {
    auto engine = make_engine();
    auto conn = engine.connect();
    EXPECT_EQ(engine.status().checked_out, 1);
    conn.close();
    EXPECT_TRUE(conn.closed());
    EXPECT_EQ(engine.status().checked_out, 0);
    EXPECT_THROW(conn.exec_driver_sql("SELECT 1"), resource_closed_error);
    EXPECT_THROW(conn.prepare(driver::uncached, "SELECT 1"), resource_closed_error);
    EXPECT_THROW(conn.begin(), resource_closed_error);
    EXPECT_THROW(conn.invalidate(), resource_closed_error);
    conn.close();  // twice is fine
    auto moved = engine.connect();
    connection target = std::move(moved);
    EXPECT_TRUE(moved.closed());
    EXPECT_EQ(query_int(target, "SELECT 7"), 7);
}

TEST_P(connection_test, statements_are_cached_per_connection_by_key) {
    auto engine = make_engine();
    auto conn = engine.connect();
    driver::statement* first = nullptr;
    {
        auto s = conn.prepare(3, "SELECT 1");
        first = &*s;
        conn.run(*s, "SELECT 1", {});
    }
    auto s = conn.prepare(3, "SELECT 1");
    EXPECT_EQ(&*s, first);
}

TEST_P(connection_test, every_value_kind_round_trips) {
    auto engine = make_engine();
    const std::string sql_insert = "INSERT INTO values_t (i, d, b, t, bl, n) VALUES (" + placeholder(1) + ", " +
                                   placeholder(2) + ", " + placeholder(3) + ", " + placeholder(4) + ", " +
                                   placeholder(5) + ", " + placeholder(6) + ")";
    struct row {
        std::int64_t i;
        double d;
        bool b;
        std::string t;
        std::vector<std::byte> bl;
    };
    const std::vector<row> rows{
        {std::numeric_limits<std::int64_t>::max(), 1.0 / 3.0, true, "plain", {std::byte{1}, std::byte{2}}},
        {std::numeric_limits<std::int64_t>::min(), -2.5e-300, false, "", {}},
        {0, 1e300, true, "ünïcødé ✓ 'quoted' \"double\" \\ back", {std::byte{0}, std::byte{0xff}, std::byte{0}}},
    };
    {
        auto conn = engine.connect();
        recreate(conn, "values_t",
                 "id " + serial_key() + ", i BIGINT, d " + double_type() + ", b " + bool_type() + ", t TEXT, bl " +
                     blob_type() + ", n INTEGER");
        for (const auto& r : rows) {
            auto s = conn.prepare(10, sql_insert);
            s->bind_int(0, r.i);
            s->bind_double(1, r.d);
            s->bind_bool(2, r.b);
            s->bind_text(3, r.t);
            s->bind_blob(4, r.bl);
            s->bind_null(5);
            conn.run(*s, sql_insert, {});
            EXPECT_EQ(s->rows_affected(), 1);
        }
        conn.commit();
    }
    auto reader = engine.connect();
    const std::string select = "SELECT i, d, b, t, bl, n FROM values_t ORDER BY id";
    auto s = reader.prepare(11, select);
    reader.run(*s, select, {});
    EXPECT_EQ(s->column_count(), 6);
    for (const auto& r : rows) {
        ASSERT_TRUE(s->next());
        EXPECT_EQ(s->get_int(0), r.i);
        EXPECT_EQ(s->get_double(1), r.d);
        EXPECT_EQ(s->get_bool(2), r.b);
        EXPECT_EQ(s->get_text(3), r.t);
        auto blob = s->get_blob(4);
        EXPECT_EQ(std::vector<std::byte>(blob.begin(), blob.end()), r.bl);
        EXPECT_FALSE(s->is_null(4)) << "an empty blob is not NULL";
        EXPECT_TRUE(s->is_null(5));
        EXPECT_FALSE(s->is_null(0));
    }
    EXPECT_FALSE(s->next());
}

TEST_P(connection_test, special_doubles_round_trip) {
    auto engine = make_engine();
    auto conn = engine.connect();
    recreate(conn, "doubles_t", "id INTEGER, d " + double_type());
    const std::string insert = "INSERT INTO doubles_t VALUES (" + placeholder(1) + ", " + placeholder(2) + ")";
    const double values[] = {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::denorm_min(), -0.0};
    for (int i = 0; i < 4; ++i) {
        auto s = conn.prepare(20, insert);
        s->bind_int(0, i);
        s->bind_double(1, values[i]);
        conn.run(*s, insert, {});
    }
    const std::string select = "SELECT d FROM doubles_t ORDER BY id";
    auto s = conn.prepare(21, select);
    conn.run(*s, select, {});
    for (double expected : values) {
        ASSERT_TRUE(s->next());
        EXPECT_EQ(s->get_double(0), expected);
    }
}

TEST_P(connection_test, exec_driver_sql_runs_scripts) {
    auto engine = make_engine();
    auto conn = engine.connect();
    conn.exec_driver_sql("DROP TABLE IF EXISTS script_t; CREATE TABLE script_t (x INTEGER); "
                         "INSERT INTO script_t VALUES (1); INSERT INTO script_t VALUES (2);");
    EXPECT_EQ(query_int(conn, "SELECT sum(x) FROM script_t"), 3);
}

TEST_P(connection_test, a_statement_run_with_a_parameter_unbound_is_a_programming_error) {
    auto engine = make_engine();
    int invalidations = 0;
    engine.on_invalidate([&](const pool_event&) { ++invalidations; });
    auto conn = engine.connect();
    const std::string sql = "SELECT " + placeholder(1) + " + " + placeholder(2);
    for (std::size_t key : {std::size_t{4}, driver::uncached}) {
        auto s = conn.prepare(key, sql);
        s->bind_int(0, 1);
        EXPECT_THROW(conn.run(*s, sql, {}), programming_error) << "key " << key;
        conn.rollback();  // PostgreSQL aborted the transaction; the session itself lives on
    }
    EXPECT_EQ(invalidations, 0);
    EXPECT_EQ(query_int(conn, "SELECT 5"), 5);
}

TEST_P(connection_test, invalidate_replaces_the_connection) {
    auto engine = make_engine();
    int connects = 0, invalidations = 0;
    engine.on_connect([&](const pool_event&) { ++connects; });
    engine.on_invalidate([&](const pool_event&) { ++invalidations; });
    auto conn = engine.connect();
    EXPECT_EQ(query_int(conn, "SELECT 1"), 1);
    conn.commit();
    EXPECT_EQ(connects, 1);
    conn.invalidate();
    EXPECT_EQ(invalidations, 1);
    EXPECT_FALSE(conn.closed());
    EXPECT_EQ(query_int(conn, "SELECT 2"), 2);  // reconnects
    EXPECT_EQ(connects, 2);
}

TEST_P(connection_test, invalidate_inside_a_transaction_needs_rollback_first) {
    auto engine = make_engine();
    auto conn = engine.connect();
    conn.exec_driver_sql("SELECT 1");
    conn.invalidate();
    EXPECT_THROW(conn.exec_driver_sql("SELECT 1"), invalid_request_error);
    EXPECT_THROW(conn.commit(), invalid_request_error);
    conn.rollback();
    EXPECT_EQ(query_int(conn, "SELECT 3"), 3);
}

TEST_P(connection_test, dialect_and_engine) {
    auto engine = make_engine();
    auto conn = engine.connect();
    EXPECT_EQ(conn.dialect(), is_postgresql() ? dialect_kind::postgresql : dialect_kind::sqlite);
    EXPECT_EQ(&conn.get_engine().state(), &engine.state());
    EXPECT_FALSE(conn.echo_enabled());
}

RETORT_ALL_BACKENDS(connection_test);

// design.md's first program: a connection that has read (and so autobegun a transaction)
// is still held while engine.transaction() writes and commits on another.
void held_reader_does_not_block_a_transaction(engine engine) {
    {
        auto setup = engine.connect();
        setup.exec_driver_sql("DROP TABLE IF EXISTS held_t");
        setup.exec_driver_sql("CREATE TABLE held_t (x INTEGER)");
        setup.exec_driver_sql("INSERT INTO held_t VALUES (1)");
        setup.commit();
    }
    auto reader = engine.connect();
    EXPECT_EQ(query_int(reader, "SELECT count(*) FROM held_t"), 1);
    EXPECT_TRUE(reader.in_transaction());
    EXPECT_NO_THROW(engine.transaction([](connection& tx) { tx.exec_driver_sql("UPDATE held_t SET x = x + 1"); }));
    reader.rollback();
    EXPECT_EQ(query_int(reader, "SELECT x FROM held_t"), 2);
}

TEST(held_reading_connection, sqlite_file) {
    held_reader_does_not_block_a_transaction(create_engine("sqlite:///" + temp_sqlite_path() + "?timeout=1"));
}

TEST(held_reading_connection, postgresql) {
    RETORT_REQUIRE_POSTGRES(url);
    held_reader_does_not_block_a_transaction(create_engine(url));
}

TEST(sqlite_connection, last_insert_id) {
    auto engine = create_engine("sqlite://");
    auto conn = engine.connect();
    conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)");
    conn.exec_driver_sql("INSERT INTO t (x) VALUES (5)");
    conn.exec_driver_sql("INSERT INTO t (x) VALUES (6)");
    EXPECT_EQ(conn.last_insert_id(), 2);
}

TEST(sqlite_connection, memory_engine_shares_one_database) {
    auto engine = create_engine("sqlite:///:memory:");
    {
        auto conn = engine.connect();
        conn.exec_driver_sql("CREATE TABLE shared_t (x INTEGER)");
        conn.exec_driver_sql("INSERT INTO shared_t VALUES (42)");
        conn.commit();
    }
    auto conn = engine.connect();
    EXPECT_EQ(query_int(conn, "SELECT x FROM shared_t"), 42);
    EXPECT_EQ(engine.status().size, 1);
}

TEST(sqlite_connection, memory_engine_has_one_connection_to_give) {
    auto engine = create_engine("sqlite://", {.pool_timeout = 0.05});
    auto first = engine.connect();
    try {
        engine.connect();
        FAIL() << "a second connection to an in-memory database";
    } catch (const pool_timeout& e) {
        EXPECT_STREQ(e.what(),
                     "QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.05 (an in-memory "
                     "SQLite database lives in its one connection: close the connection this thread or another holds "
                     "before connecting again, or use a file database)");
    }
}

TEST(sqlite_connection, memory_engine_with_static_pool_shares_it_among_holders) {
    auto engine = create_engine("sqlite://", {.poolclass = pool_class::static_pool});
    auto a = engine.connect();
    auto b = engine.connect();
    a.exec_driver_sql("CREATE TABLE static_t (x INTEGER)");
    a.exec_driver_sql("INSERT INTO static_t VALUES (1)");
    a.commit();
    EXPECT_EQ(query_int(b, "SELECT count(*) FROM static_t"), 1);
}

TEST(sqlite_connection, file_engine_pools_several_connections) {
    auto engine = create_engine("sqlite:///" + temp_sqlite_path());
    auto a = engine.connect();
    auto b = engine.connect();
    EXPECT_EQ(engine.status().checked_out, 2);
}

TEST(engine_options, are_validated) {
    EXPECT_THROW(create_engine("sqlite://", {.pool_size = -1}), argument_error);
    EXPECT_THROW(create_engine("sqlite://", {.max_overflow = -2}), argument_error);
    EXPECT_THROW(create_engine("sqlite://", {.pool_timeout = -1}), argument_error);
    EXPECT_THROW(create_engine("sqlite://", {.connect_timeout = -1}), argument_error);
    EXPECT_THROW(create_engine("sqlite://", {.pipeline_depth = 0}), argument_error);
    try {
        create_engine("sqlite://", {.isolation_level = isolation_level::read_committed});
        FAIL();
    } catch (const argument_error& e) {
        EXPECT_NE(std::string(e.what()).find("valid levels are serializable, read_uncommitted and autocommit"),
                  std::string::npos);
    }
    EXPECT_THROW(engine{}.connect(), invalid_request_error);
}

TEST(engine_options, unreachable_database_is_cannot_connect_at_checkout) {
    auto engine = create_engine("sqlite:////no/such/dir/x.db");
    EXPECT_THROW(engine.connect(), cannot_connect);
}

}  // namespace
}  // namespace retort::test
