// echo=True output and the before/after execute events; pool events through the engine.
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "backend_fixture.hpp"

namespace retort::test {
namespace {

// `line` is prefix + a duration such as "0.000123" + suffix. (No <regex>: g++ 12's
// sanitizer build warns inside it.)
::testing::AssertionResult duration_line(const std::string& line, const std::string& prefix, const std::string& suffix) {
    const bool framed = line.size() > prefix.size() + suffix.size() && line.compare(0, prefix.size(), prefix) == 0 &&
                        line.compare(line.size() - suffix.size(), suffix.size(), suffix) == 0;
    if (!framed) return ::testing::AssertionFailure() << "'" << line << "' is not '" << prefix << "<duration>" << suffix << "'";
    const std::string duration = line.substr(prefix.size(), line.size() - prefix.size() - suffix.size());
    const std::size_t dot = duration.find('.');
    const bool number = dot != std::string::npos && dot > 0 && duration.size() - dot - 1 == 6 &&
                        duration.find_first_not_of("0123456789.") == std::string::npos;
    if (!number) return ::testing::AssertionFailure() << "'" << duration << "' is not a duration like 0.000123";
    return ::testing::AssertionSuccess();
}

class echo_events_test : public backend_test {
protected:
    engine make_echo_engine() {
        return make_engine({.echo = true, .log = [this](std::string_view line) { lines_.emplace_back(line); }});
    }
    std::vector<std::string> lines_;
};

TEST_P(echo_events_test, echo_logs_begin_sql_parameters_duration_and_commit) {
    auto engine = make_echo_engine();
    auto conn = engine.connect();
    const std::string sql = "SELECT " + placeholder(1) + " || 'x'";
    auto statement = conn.prepare(1, sql);
    statement->bind_text(0, "john");
    conn.run(*statement, sql, [] { return std::vector<std::string>{"'john'"}; });
    statement.reset();
    conn.commit();
    ASSERT_EQ(lines_.size(), 4u) << ::testing::PrintToString(lines_);
    EXPECT_EQ(lines_[0], "[retort.engine] BEGIN (implicit)");
    EXPECT_EQ(lines_[1], "[retort.engine] " + sql);
    EXPECT_TRUE(duration_line(lines_[2], "[retort.engine] [executed in ", "s] ('john')"));
    EXPECT_EQ(lines_[3], "[retort.engine] COMMIT");
    EXPECT_TRUE(conn.echo_enabled());
}

TEST_P(echo_events_test, echo_logs_savepoints_rollback_and_raw_sql) {
    auto engine = make_echo_engine();
    auto conn = engine.connect();
    auto tx = conn.begin();
    {
        auto sp = conn.begin_nested();
        conn.exec_driver_sql("SELECT 1");
        sp.rollback();
    }
    {
        auto sp = conn.begin_nested();
        sp.commit();
    }
    tx.rollback();
    ASSERT_EQ(lines_.size(), 8u) << ::testing::PrintToString(lines_);
    EXPECT_EQ(lines_[0], "[retort.engine] BEGIN");
    EXPECT_EQ(lines_[1], "[retort.engine] SAVEPOINT sp_1");
    EXPECT_EQ(lines_[2], "[retort.engine] SELECT 1");
    EXPECT_TRUE(duration_line(lines_[3], "[retort.engine] [raw sql in ", "s] ()"));
    EXPECT_EQ(lines_[4], "[retort.engine] ROLLBACK TO SAVEPOINT sp_1");
    EXPECT_EQ(lines_[5], "[retort.engine] SAVEPOINT sp_1");
    EXPECT_EQ(lines_[6], "[retort.engine] RELEASE SAVEPOINT sp_1");
    EXPECT_EQ(lines_[7], "[retort.engine] ROLLBACK");
}

TEST_P(echo_events_test, echo_logs_a_failed_statement_with_its_parameters) {
    auto engine = make_echo_engine();
    auto conn = engine.connect();
    const std::string sql = "SELECT * FROM missing_table WHERE x = " + placeholder(1);
    try {
        auto statement = conn.prepare(driver::uncached, sql);
        statement->bind_int(0, 7);
        conn.run(*statement, sql, [] { return std::vector<std::string>{"7"}; });
        FAIL();
    } catch (const programming_error&) {
    }
    // SQLite finds the missing table at prepare time, PostgreSQL when it runs.
    if (is_postgresql()) {
        ASSERT_EQ(lines_.size(), 3u) << ::testing::PrintToString(lines_);
        EXPECT_TRUE(duration_line(lines_[2], "[retort.engine] [failed after ", "s] (7)"));
    } else {
        ASSERT_EQ(lines_.size(), 1u) << ::testing::PrintToString(lines_);
    }
}

TEST_P(echo_events_test, execute_events_see_sql_parameters_and_duration) {
    auto engine = make_engine();
    std::vector<std::string> seen;
    engine.on_before_execute([&](const statement_info& info) {
        ASSERT_NE(info.params, nullptr);
        seen.push_back("before " + std::string(info.sql) + " " + ::testing::PrintToString(*info.params));
        EXPECT_EQ(info.duration.count(), 0);
    });
    engine.on_after_execute([&](const statement_info& info) {
        seen.push_back("after " + std::string(info.sql));
        EXPECT_GT(info.duration.count(), 0);
    });
    auto conn = engine.connect();
    const std::string sql = "SELECT " + placeholder(1);
    auto statement = conn.prepare(1, sql);
    statement->bind_int(0, 3);
    conn.run(*statement, sql, [] { return std::vector<std::string>{"3"}; });
    conn.exec_driver_sql("SELECT 2");
    EXPECT_EQ(seen, (std::vector<std::string>{"before " + sql + " { \"3\" }", "after " + sql,
                                              "before SELECT 2 {}", "after SELECT 2"}));
}

TEST_P(echo_events_test, parameters_are_formatted_only_when_needed) {
    auto engine = make_engine();
    int formatted = 0;
    auto conn = engine.connect();
    const std::string sql = "SELECT " + placeholder(1);
    auto params = [&] {
        ++formatted;
        return std::vector<std::string>{"1"};
    };
    for (int i = 0; i < 3; ++i) {
        auto statement = conn.prepare(1, sql);
        statement->bind_int(0, 1);
        conn.run(*statement, sql, params);
    }
    EXPECT_EQ(formatted, 0) << "no echo, no listener: no parameter text";
    engine.on_after_execute([](const statement_info&) {});
    auto statement = conn.prepare(1, sql);
    statement->bind_int(0, 1);
    conn.run(*statement, sql, params);
    EXPECT_EQ(formatted, 1);
}

TEST_P(echo_events_test, a_throwing_before_listener_stops_the_statement) {
    auto engine = make_engine();
    auto conn = engine.connect();
    recreate(conn, "listener_t", "x INTEGER");
    conn.commit();
    engine.on_before_execute([](const statement_info& info) {
        if (info.sql.find("INSERT") != std::string_view::npos) throw std::runtime_error("refused by listener");
    });
    EXPECT_THROW(conn.exec_driver_sql("INSERT INTO listener_t VALUES (1)"), std::runtime_error);
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM listener_t"), 0);
}

TEST_P(echo_events_test, pool_events_through_the_engine) {
    auto engine = make_engine();
    std::vector<std::string> events;
    engine.on_first_connect([&](const pool_event&) { events.push_back("first_connect"); });
    engine.on_connect([&](const pool_event& e) {
        EXPECT_NE(e.dbapi_connection, nullptr);
        events.push_back("connect");
    });
    engine.on_checkout([&](const pool_event&) { events.push_back("checkout"); });
    engine.on_reset([&](const pool_event&) { events.push_back("reset"); });
    engine.on_checkin([&](const pool_event&) { events.push_back("checkin"); });
    engine.on_close([&](const pool_event&) { events.push_back("close"); });
    {
        auto conn = engine.connect();
        conn.exec_driver_sql("SELECT 1");
    }
    engine.dispose();
    EXPECT_EQ(events, (std::vector<std::string>{"first_connect", "connect", "checkout", "reset", "checkin", "close"}));
}

TEST_P(echo_events_test, echo_pool_goes_to_the_log) {
    auto engine = make_engine({.echo_pool = true, .log = [this](std::string_view line) { lines_.emplace_back(line); }});
    engine.connect().close();
    ASSERT_FALSE(lines_.empty());
    EXPECT_NE(::testing::PrintToString(lines_).find("checked out from pool"), std::string::npos);
}

RETORT_ALL_BACKENDS(echo_events_test);

}  // namespace
}  // namespace retort::test
