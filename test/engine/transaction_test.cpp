// Explicit transactions, savepoints, engine.transaction() and isolation levels,
// checked by reading the data back from another connection.
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "backend_fixture.hpp"

namespace retort::test {
namespace {

class transaction_test : public backend_test {
protected:
    void SetUp() override {
        backend_test::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        engine_ = make_engine();
        auto conn = engine_.connect();
        recreate(conn, "tx_t", "x INTEGER");
        conn.commit();
    }

    std::int64_t committed_rows() {
        auto reader = engine_.connect();
        return *query_int(reader, "SELECT count(*) FROM tx_t");
    }

    engine engine_;
};

TEST_P(transaction_test, explicit_begin_commit) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    EXPECT_TRUE(conn.in_transaction());
    EXPECT_TRUE(tx.is_active());
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    tx.commit();
    EXPECT_FALSE(tx.is_active());
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_THROW(tx.commit(), invalid_request_error);
    conn.close();
    EXPECT_EQ(committed_rows(), 1);
}

TEST_P(transaction_test, explicit_transaction_destroyed_uncommitted_rolls_back) {
    auto conn = engine_.connect();
    {
        auto tx = conn.begin();
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    }
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM tx_t"), 0);
}

TEST_P(transaction_test, begin_twice_is_an_invalid_request) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    EXPECT_THROW(conn.begin(), invalid_request_error);
    tx.rollback();
    conn.exec_driver_sql("SELECT 1");  // autobegun
    EXPECT_THROW(conn.begin(), invalid_request_error);
}

TEST_P(transaction_test, nested_rollback_keeps_the_outer_work) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    {
        auto sp = conn.begin_nested();
        EXPECT_TRUE(conn.in_nested_transaction());
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (2)");
        sp.rollback();
        EXPECT_FALSE(sp.is_active());
    }
    EXPECT_FALSE(conn.in_nested_transaction());
    {
        auto sp = conn.begin_nested();
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (3)");
        sp.commit();
    }
    tx.commit();
    conn.close();
    auto reader = engine_.connect();
    EXPECT_EQ(query_int(reader, "SELECT sum(x) FROM tx_t"), 4);
}

TEST_P(transaction_test, nested_savepoints_three_deep) {
    auto conn = engine_.connect();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    auto sp1 = conn.begin_nested();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (10)");
    auto sp2 = conn.begin_nested();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (100)");
    {
        auto sp3 = conn.begin_nested();
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (1000)");
    }  // destroyed: rolled back to sp_3
    sp2.commit();
    EXPECT_EQ(query_int(conn, "SELECT sum(x) FROM tx_t"), 111);
    sp1.rollback();
    EXPECT_EQ(query_int(conn, "SELECT sum(x) FROM tx_t"), 1);
    conn.commit();
    conn.close();
    EXPECT_EQ(committed_rows(), 1);
}

TEST_P(transaction_test, outer_rollback_undoes_released_savepoints) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    auto sp = conn.begin_nested();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    sp.commit();
    tx.rollback();
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM tx_t"), 0);
}

TEST_P(transaction_test, savepoint_outlived_by_its_transaction_is_inactive) {
    auto conn = engine_.connect();
    auto sp = conn.begin_nested();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    conn.commit();
    EXPECT_THROW(sp.commit(), invalid_request_error);
    sp.rollback();  // no-op
    conn.close();
    EXPECT_EQ(committed_rows(), 1);
}

TEST_P(transaction_test, savepoint_recovers_from_a_failed_statement) {
    auto conn = engine_.connect();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    auto sp = conn.begin_nested();
    EXPECT_THROW(conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)"), programming_error);
    sp.rollback();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (2)");
    conn.commit();
    conn.close();
    EXPECT_EQ(committed_rows(), 2);
}

TEST_P(transaction_test, engine_transaction_commits_on_return) {
    const int value = engine_.transaction([](connection& conn) {
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (5)");
        return 5;
    });
    EXPECT_EQ(value, 5);
    EXPECT_EQ(committed_rows(), 1);
}

TEST_P(transaction_test, engine_transaction_rolls_back_on_throw) {
    EXPECT_THROW(engine_.transaction([](connection& conn) {
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
        throw std::runtime_error("changed my mind");
    }),
                 std::runtime_error);
    EXPECT_EQ(committed_rows(), 0);
    EXPECT_EQ(engine_.status().checked_out, 0);
}

TEST_P(transaction_test, engine_transaction_rolls_back_on_a_database_error) {
    EXPECT_THROW(engine_.transaction([](connection& conn) {
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
        conn.exec_driver_sql("INSERT INTO tx_t VALUES ('not a number', 2)");
    }),
                 database_error);
    EXPECT_EQ(committed_rows(), 0);
}

TEST_P(transaction_test, engine_transaction_with_an_inner_commit) {
    engine_.transaction([](connection& conn) {
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
        conn.commit();
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (2)");  // autobegun, committed on return too
    });
    EXPECT_EQ(committed_rows(), 2);
}

TEST_P(transaction_test, autocommit_isolation_commits_each_statement) {
    auto engine = make_engine({.isolation_level = isolation_level::autocommit});
    {
        auto conn = engine.connect();
        if (one_connection_only()) recreate(conn, "tx_t", "x INTEGER");  // a memory engine of its own
        conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
        EXPECT_TRUE(conn.in_transaction());  // the logical transaction; no BEGIN was sent
        if (!one_connection_only()) {
            auto reader = engine.connect();
            EXPECT_EQ(query_int(reader, "SELECT count(*) FROM tx_t"), 1);
        }
        conn.rollback();  // too late: it is committed
        EXPECT_THROW(conn.begin_nested(), invalid_request_error);
    }
    auto reader = engine.connect();
    EXPECT_EQ(query_int(reader, "SELECT count(*) FROM tx_t"), 1);
}

// The connection asks the server whether its transaction is still open: SQL that ends it is
// followed, not mistaken later for the database rolling back by itself.
TEST_P(transaction_test, commit_after_a_commit_sent_as_sql_is_quiet_and_the_row_is_kept) {
    auto conn = engine_.connect();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    conn.exec_driver_sql("COMMIT");
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_NO_THROW(conn.commit());
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (2)");
    conn.exec_driver_sql("ROLLBACK");
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_NO_THROW(conn.commit());
    conn.close();
    EXPECT_EQ(committed_rows(), 1);
}

TEST_P(transaction_test, an_explicit_transaction_ended_by_sql_is_over) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (1)");
    conn.exec_driver_sql("COMMIT");
    EXPECT_FALSE(conn.in_transaction());
    auto next = conn.begin();  // no "already begun"
    conn.exec_driver_sql("INSERT INTO tx_t VALUES (2)");
    next.rollback();
    conn.close();
    EXPECT_EQ(committed_rows(), 1);
}

RETORT_ALL_BACKENDS(transaction_test);

class postgresql_transaction_test : public ::testing::Test {
protected:
    void SetUp() override {
        RETORT_REQUIRE_POSTGRES(pg_url);
        url_ = pg_url;
    }
    std::string url_;
};

TEST_F(postgresql_transaction_test, isolation_levels_reach_the_server) {
    const std::pair<isolation_level, const char*> levels[] = {
        {isolation_level::read_uncommitted, "read uncommitted"},
        {isolation_level::read_committed, "read committed"},
        {isolation_level::repeatable_read, "repeatable read"},
        {isolation_level::serializable, "serializable"},
    };
    for (const auto& [level, name] : levels) {
        auto engine = create_engine(url_, {.isolation_level = level});
        auto conn = engine.connect();
        EXPECT_EQ(query_text(conn, "SHOW transaction_isolation"), name);
    }
    // Without a transaction block each statement is a transaction of its own.
    auto autocommit = create_engine(url_, {.isolation_level = isolation_level::autocommit});
    auto conn = autocommit.connect();
    EXPECT_NE(query_int(conn, "SELECT pg_current_xact_id()::text::bigint"),
              query_int(conn, "SELECT pg_current_xact_id()::text::bigint"));
    auto in_block = create_engine(url_).connect();
    EXPECT_EQ(query_int(in_block, "SELECT pg_current_xact_id()::text::bigint"),
              query_int(in_block, "SELECT pg_current_xact_id()::text::bigint"));
}

TEST_F(postgresql_transaction_test, repeatable_read_sees_a_snapshot) {
    auto engine = create_engine(url_, {.isolation_level = isolation_level::repeatable_read});
    auto setup = engine.connect();
    setup.exec_driver_sql("DROP TABLE IF EXISTS snap_t; CREATE TABLE snap_t (x int)");
    setup.commit();
    auto reader = engine.connect();
    EXPECT_EQ(query_int(reader, "SELECT count(*) FROM snap_t"), 0);
    auto writer = engine.connect();
    writer.exec_driver_sql("INSERT INTO snap_t VALUES (1)");
    writer.commit();
    EXPECT_EQ(query_int(reader, "SELECT count(*) FROM snap_t"), 0);
    reader.commit();
    EXPECT_EQ(query_int(reader, "SELECT count(*) FROM snap_t"), 1);
}

TEST_F(postgresql_transaction_test, commit_after_a_failed_statement_refuses_and_rolls_back) {
    auto engine = create_engine(url_);
    auto conn = engine.connect();
    conn.exec_driver_sql("DROP TABLE IF EXISTS failed_t; CREATE TABLE failed_t (x int)");
    conn.commit();
    conn.exec_driver_sql("INSERT INTO failed_t VALUES (1)");
    EXPECT_THROW(conn.exec_driver_sql("SELECT 1/0"), data_error);
    EXPECT_TRUE(conn.in_transaction()) << "the user decides: as SQLAlchemy, no silent rollback";
    // The aborted transaction refuses further statements until rollback.
    EXPECT_THROW(conn.exec_driver_sql("SELECT 1"), database_error);
    try {
        conn.commit();
        FAIL() << "commit of an aborted transaction succeeded";
    } catch (const invalid_request_error& e) {
        EXPECT_NE(std::string(e.what()).find("has been rolled back"), std::string::npos);
    }
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM failed_t"), 0);
}

TEST_F(postgresql_transaction_test, concurrent_update_is_a_serialization_failure_and_retry_works) {
    auto engine = create_engine(url_, {.isolation_level = isolation_level::repeatable_read});
    {
        auto setup = engine.connect();
        setup.exec_driver_sql("DROP TABLE IF EXISTS counter_t; CREATE TABLE counter_t (n int); INSERT INTO counter_t VALUES (0)");
        setup.commit();
    }
    auto a = engine.connect();
    auto b = engine.connect();
    EXPECT_EQ(query_int(a, "SELECT n FROM counter_t"), 0);
    EXPECT_EQ(query_int(b, "SELECT n FROM counter_t"), 0);
    a.exec_driver_sql("UPDATE counter_t SET n = n + 1");
    a.commit();
    try {
        b.exec_driver_sql("UPDATE counter_t SET n = n + 1");
        FAIL() << "lost update went through";
    } catch (const serialization_failure& e) {
        EXPECT_EQ(e.code(), "40001");
        EXPECT_TRUE(dynamic_cast<const transient_error*>(&e) != nullptr);
    }
    b.rollback();
    int attempts = 0;
    retry_transient([&] {
        ++attempts;
        engine.transaction([&](connection& conn) {
            EXPECT_EQ(query_int(conn, "SELECT n FROM counter_t"), attempts == 1 ? 1 : 2);
            if (attempts == 1) {
                auto other = engine.connect();
                other.exec_driver_sql("UPDATE counter_t SET n = n + 1");
                other.commit();
            }
            conn.exec_driver_sql("UPDATE counter_t SET n = n + 1");
        });
    });
    EXPECT_EQ(attempts, 2);
    auto reader = engine.connect();
    EXPECT_EQ(query_int(reader, "SELECT n FROM counter_t"), 3);
}

TEST_F(postgresql_transaction_test, deadlock_is_detected) {
    auto engine = create_engine(url_);
    {
        auto setup = engine.connect();
        setup.exec_driver_sql("DROP TABLE IF EXISTS lock_t; CREATE TABLE lock_t (id int PRIMARY KEY, n int); "
                              "INSERT INTO lock_t VALUES (1, 0), (2, 0)");
        setup.commit();
    }
    auto a = engine.connect();
    auto b = engine.connect();
    a.exec_driver_sql("SET deadlock_timeout = '100ms'");
    b.exec_driver_sql("SET deadlock_timeout = '100ms'");
    a.exec_driver_sql("UPDATE lock_t SET n = 1 WHERE id = 1");
    b.exec_driver_sql("UPDATE lock_t SET n = 1 WHERE id = 2");
    std::exception_ptr a_error, b_error;
    std::thread other([&] {
        try {
            a.exec_driver_sql("UPDATE lock_t SET n = 2 WHERE id = 2");
        } catch (...) {
            a_error = std::current_exception();
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    try {
        b.exec_driver_sql("UPDATE lock_t SET n = 2 WHERE id = 1");
    } catch (...) {
        b_error = std::current_exception();
    }
    // Whichever session PostgreSQL picks as the victim, the other one finishes.
    if (b_error) b.rollback();
    other.join();
    if (a_error) a.rollback();
    ASSERT_TRUE((a_error != nullptr) != (b_error != nullptr)) << "exactly one victim";
    try {
        std::rethrow_exception(a_error ? a_error : b_error);
    } catch (const deadlock_detected& e) {
        EXPECT_EQ(e.code(), "40P01");
    }
}

TEST(sqlite_transaction, read_uncommitted_sets_the_pragma) {
    auto engine = create_engine("sqlite:///" + temp_sqlite_path(), {.isolation_level = isolation_level::read_uncommitted});
    auto conn = engine.connect();
    EXPECT_EQ(query_int(conn, "PRAGMA read_uncommitted"), 1);
    auto plain = create_engine("sqlite://").connect();
    EXPECT_EQ(query_int(plain, "PRAGMA read_uncommitted"), 0);
}

TEST(sqlite_transaction, serializable_is_sqlite_default) {
    auto engine = create_engine("sqlite://", {.isolation_level = isolation_level::serializable});
    auto conn = engine.connect();
    conn.exec_driver_sql("CREATE TABLE t (x INTEGER)");
    EXPECT_TRUE(conn.in_transaction());
    conn.rollback();
}

}  // namespace
}  // namespace retort::test
