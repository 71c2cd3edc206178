// PostgreSQL's prepared statements after another connection changed a table's columns: the
// server refuses them ("cached plan must not change result type"); the connection drops them
// and prepares them again, so at most the transaction that met the change fails (none, when
// the stale statement is the first of its transaction: that one is simply begun again).
#include <string>

#include <gtest/gtest.h>

#include <retort/retort.hpp>

#include "backend_fixture.hpp"

namespace retort::test {
namespace {

struct cached_items_table : table<cached_items_table, "stmt_cache_items"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(name, varchar<20>);
};
inline constexpr cached_items_table cached_items;

class postgresql_statement_cache : public ::testing::Test {
protected:
    void SetUp() override {
        RETORT_REQUIRE_POSTGRES(url);
        url_ = url;
    }

    engine make_engine(engine_options options = {}) {
        engine db = create_engine(url_, std::move(options));
        auto conn = db.connect();
        conn.exec_driver_sql("DROP TABLE IF EXISTS stmt_cache_items");
        conn.exec_driver_sql("CREATE TABLE stmt_cache_items (id INTEGER PRIMARY KEY, name VARCHAR(20))");
        conn.exec_driver_sql("INSERT INTO stmt_cache_items VALUES (1, 'one')");
        conn.commit();
        return db;
    }

    static void widen_name_from_another_connection(engine& db) {
        auto other = db.connect();
        other.exec_driver_sql("ALTER TABLE stmt_cache_items ALTER COLUMN name TYPE varchar(30)");
        other.commit();
    }

    std::string url_;
};

TEST_F(postgresql_statement_cache, inside_a_transaction_that_did_work_a_clear_error_and_the_next_transaction_works) {
    engine db = make_engine();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(select(cached_items.id, cached_items.name)).all().size(), 1u);
    EXPECT_EQ(conn.execute(select(cached_items.name).where(cached_items.id == 1)).scalar_one(), "one");
    conn.commit();

    widen_name_from_another_connection(db);
    conn.exec_driver_sql("SET LOCAL statement_timeout = 0");  // work done in the transaction first
    try {
        conn.execute(select(cached_items.id, cached_items.name)).all();
        FAIL() << "the stale statement ran";
    } catch (const stale_statement_error& e) {
        EXPECT_EQ(e.code(), "0A000");
        EXPECT_NE(std::string(e.what()).find("cached plan must not change result type"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("roll back and run the transaction again"), std::string::npos);
    }
    conn.rollback();
    // Both statements, the one that failed and the one not run since, work again.
    EXPECT_EQ(conn.execute(select(cached_items.name).where(cached_items.id == 1)).scalar_one(), "one");
    EXPECT_EQ(conn.execute(select(cached_items.id, cached_items.name)).all().size(), 1u);
    conn.commit();
    // The stale server-side statements were dropped: one prepared statement per cached one.
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM pg_prepared_statements"), 2);
}

TEST_F(postgresql_statement_cache, the_first_statement_of_a_transaction_begins_it_again_and_runs) {
    engine db = make_engine({.isolation_level = isolation_level::serializable});
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(select(cached_items.id, cached_items.name)).all().size(), 1u);
    conn.commit();
    widen_name_from_another_connection(db);
    const auto rows = conn.execute(select(cached_items.id, cached_items.name)).all();  // autobegun: first statement
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].name, "one");
    // Begun again as the engine begins its transactions: still serializable, still open.
    EXPECT_EQ(query_text(conn, "SHOW transaction_isolation"), "serializable");
    conn.execute(update(cached_items).set(cached_items.name = "uno").where(cached_items.id == 1));
    conn.rollback();
    EXPECT_EQ(conn.execute(select(cached_items.name).where(cached_items.id == 1)).scalar_one(), "one");
}

TEST_F(postgresql_statement_cache, retry_transient_runs_the_transaction_again) {
    engine db = make_engine();
    const auto work = [](connection& c) {
        c.exec_driver_sql("SET LOCAL statement_timeout = 0");  // the select is not the transaction's first
        return c.execute(select(cached_items.id, cached_items.name)).all().size();
    };
    EXPECT_EQ(db.transaction(work), 1u);
    widen_name_from_another_connection(db);
    int attempts = 0;
    const auto rows = retry_transient([&] {
        ++attempts;
        return db.transaction(work);
    });
    EXPECT_EQ(rows, 1u);
    EXPECT_EQ(attempts, 2);
}

TEST_F(postgresql_statement_cache, outside_a_transaction_the_statement_is_prepared_again_and_run) {
    engine db = make_engine({.isolation_level = isolation_level::autocommit});
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(select(cached_items.id, cached_items.name)).all().size(), 1u);
    widen_name_from_another_connection(db);
    const auto rows = conn.execute(select(cached_items.id, cached_items.name)).all();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].name, "one");
}

}  // namespace
}  // namespace retort::test
