// Statement timeouts, per engine and per execution: a statement that runs too long is cancelled
// with statement_timeout_error (PostgreSQL: the server's statement_timeout, or a cancel request
// from the client; SQLite: interrupted), and the connection goes on working.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include <retort/retort.hpp>

#include "backend_fixture.hpp"

namespace retort::test {
namespace {

using namespace std::chrono_literals;

// Runs for ever on SQLite unless interrupted.
constexpr const char* endless_sqlite_query =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

TEST(statement_timeout, sqlite_engine_timeout_interrupts_a_long_query_and_the_connection_goes_on) {
    auto db = create_engine("sqlite://", {.statement_timeout = 0.2});
    auto conn = db.connect();
    conn.exec_driver_sql("CREATE TABLE kept (x INTEGER)");
    conn.exec_driver_sql("INSERT INTO kept VALUES (1)");
    try {
        query_int(conn, endless_sqlite_query);
        FAIL() << "the endless query returned";
    } catch (const statement_timeout_error& e) {
        EXPECT_NE(std::string(e.what()).find("statement timeout: the statement ran longer than 200 ms"),
                  std::string::npos)
            << e.what();
        EXPECT_EQ(e.sql(), endless_sqlite_query);
    }
    EXPECT_THROW(conn.exec_driver_sql(endless_sqlite_query), statement_timeout_error);
    // An interrupted read leaves the transaction and the connection as they were.
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM kept"), 1);
    conn.commit();
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM kept"), 1);
}

TEST(statement_timeout, sqlite_connection_timeout_is_its_own_and_ends_with_the_checkout) {
    auto db = create_engine("sqlite://");
    {
        auto conn = db.connect();
        EXPECT_EQ(conn.statement_timeout(), 0ms);
        conn.set_statement_timeout(150ms);
        EXPECT_EQ(conn.statement_timeout(), 150ms);
        EXPECT_THROW(query_int(conn, endless_sqlite_query), statement_timeout_error);
        EXPECT_EQ(query_int(conn, "SELECT 1"), 1);
    }
    auto again = db.connect();  // the same pooled connection, with the engine's timeout (none)
    EXPECT_EQ(again.statement_timeout(), 0ms);
    EXPECT_THROW(again.set_statement_timeout(-1ms), argument_error);
}

TEST(statement_timeout, options_are_checked) {
    EXPECT_THROW(create_engine("sqlite://", {.statement_timeout = -1}), argument_error);
    EXPECT_THROW(create_engine("sqlite://", {.statement_timeout = 0.0001}), argument_error);
}

TEST(statement_timeout, postgresql_engine_timeout_is_the_servers_and_the_connection_goes_on) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = create_engine(url, {.statement_timeout = 0.3});
    auto conn = db.connect();
    EXPECT_EQ(query_text(conn, "SHOW statement_timeout"), "300ms");
    try {
        conn.exec_driver_sql("SELECT pg_sleep(120)");
        FAIL() << "pg_sleep(120) returned";
    } catch (const statement_timeout_error& e) {
        EXPECT_EQ(e.code(), "57014");
        EXPECT_NE(std::string(e.what()).find("statement timeout"), std::string::npos) << e.what();
    }
    conn.rollback();
    EXPECT_EQ(query_int(conn, "SELECT 1"), 1);
    EXPECT_THROW(query_int(conn, "SELECT 1 FROM pg_sleep(120)"), statement_timeout_error);
    conn.rollback();
    EXPECT_EQ(query_int(conn, "SELECT 2"), 2);
}

// No statement_timeout on the server: the client cancels the statement itself.
TEST(statement_timeout, postgresql_per_execution_timeout_cancels_from_the_client) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = create_engine(url);
    auto conn = db.connect();
    EXPECT_EQ(query_text(conn, "SHOW statement_timeout"), "0");
    try {
        conn.execute(with_timeout(select(func<"pg_sleep", text>(120.0)), 300ms)).all();
        FAIL() << "pg_sleep(120) returned";
    } catch (const statement_timeout_error& e) {
        EXPECT_EQ(e.code(), "57014");
        EXPECT_NE(std::string(e.what()).find("statement timeout: the statement ran longer than 300 ms and was cancelled"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(conn.statement_timeout(), 0ms);  // for that execution only
    conn.rollback();
    EXPECT_EQ(conn.execute(select(func<"abs", integer>(-3))).scalar_one(), 3);
}

}  // namespace
}  // namespace retort::test
