// Pool events (SQLAlchemy's PoolEvents) and the echo_pool log, on real SQLite connections.
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sqlite_pool_fixture.hpp"

namespace retort::test {
namespace {

using events_test = sqlite_pool_fixture;

std::vector<std::string> named(std::initializer_list<std::pair<const char*, std::uint64_t>> list) {
    std::vector<std::string> out;
    for (const auto& [event, id] : list) out.push_back(std::string(event) + ' ' + std::to_string(id));
    return out;
}

TEST_F(events_test, fire_in_sqlalchemys_order_over_a_connections_life) {
    auto pool = make_pool({.size = 1, .max_overflow = 1});
    auto a = pool->checkout();
    auto b = pool->checkout();
    EXPECT_EQ(events.take(), named({{"first_connect", 1}, {"connect", 1}, {"checkout", 1},  //
                                    {"connect", 2}, {"checkout", 2}}));

    pool->checkin(std::move(a));
    pool->checkin(std::move(b));  // beyond pool_size: closed
    EXPECT_EQ(events.take(), named({{"reset", 1}, {"checkin", 1},  //
                                    {"reset", 2}, {"checkin", 2}, {"close", 2}}));

    a = pool->checkout();
    EXPECT_EQ(events.take(), named({{"checkout", 1}}));
    pool->invalidate(*a);
    pool->checkin(std::move(a));
    EXPECT_EQ(events.take(), named({{"invalidate", 1}, {"checkin", 1}, {"close", 1}}));

    a = pool->checkout();
    EXPECT_EQ(events.take(), named({{"connect", 3}, {"checkout", 3}})) << "first_connect fires once per pool";
    pool->checkin(std::move(a));
}

TEST_F(events_test, listeners_see_the_driver_connection_they_concern) {
    auto pool = make_pool({.size = 1, .max_overflow = 0});
    driver::connection* connected = nullptr;
    driver::connection* checked_out = nullptr;
    listeners.connect.push_back([&](const pool_event& e) {
        connected = e.dbapi_connection;
        e.dbapi_connection->exec("PRAGMA foreign_keys = ON");  // what connect listeners are for
    });
    listeners.checkout.push_back([&](const pool_event& e) { checked_out = e.dbapi_connection; });
    auto record = pool->checkout();
    EXPECT_EQ(connected, &record->dbapi());
    EXPECT_EQ(checked_out, &record->dbapi());
    EXPECT_EQ(scalar(record->dbapi(), "PRAGMA foreign_keys"), 1);
    pool->checkin(std::move(record));
}

TEST_F(events_test, a_throwing_connect_listener_fails_the_checkout_and_frees_the_slot) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .timeout = 0});
    bool fail = true;
    listeners.connect.push_back([&](const pool_event&) {
        if (fail) throw std::runtime_error("connect listener failed");
    });
    EXPECT_THROW(pool->checkout(), std::runtime_error);
    EXPECT_EQ(pool->status().checked_out, 0);
    fail = false;
    auto record = pool->checkout();
    pool->checkin(std::move(record));
}

TEST_F(events_test, a_throwing_first_connect_listener_is_retried_by_the_next_connect) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .timeout = 0});
    int calls = 0;
    listeners.first_connect.push_back([&](const pool_event&) {
        if (++calls == 1) throw std::runtime_error("not yet");
    });
    EXPECT_THROW(pool->checkout(), std::runtime_error);
    auto record = pool->checkout();
    pool->checkin(std::move(record));
    auto again = pool->checkout();
    pool->checkin(std::move(again));
    EXPECT_EQ(calls, 2);
}

TEST_F(events_test, a_throwing_checkout_listener_fails_the_checkout_and_returns_the_connection) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .timeout = 0});
    bool fail = true;
    listeners.checkout.push_back([&](const pool_event&) {
        if (fail) throw std::runtime_error("checkout listener failed");
    });
    EXPECT_THROW(pool->checkout(), std::runtime_error);
    EXPECT_EQ(pool->status().idle, 1);
    EXPECT_EQ(pool->status().checked_out, 0);
    fail = false;
    auto record = pool->checkout();
    EXPECT_EQ(connects.load(), 1);
    pool->checkin(std::move(record));
}

TEST_F(events_test, a_throwing_checkin_listener_is_logged_and_the_connection_still_returns) {
    auto pool = make_pool({.size = 1, .max_overflow = 0});
    listeners.checkin.push_back([](const pool_event&) { throw std::runtime_error("checkin listener failed"); });
    auto record = pool->checkout();
    pool->checkin(std::move(record));
    EXPECT_EQ(pool->status().idle, 1);
    const auto log = log_lines();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0], "Exception in pool checkin listener for connection 1: checkin listener failed");
}

TEST_F(events_test, echo_pool_logs_the_pool_at_work) {
    auto pool = make_pool({.size = 1, .max_overflow = 1, .echo = true});
    auto a = pool->checkout();
    auto b = pool->checkout();
    a->dbapi().exec("BEGIN");
    pool->checkin(std::move(a));
    pool->checkin(std::move(b));
    a = pool->checkout();
    pool->invalidate(*a, "gone");
    pool->checkin(std::move(a));
    pool->dispose();

    const std::vector<std::string> expected{
        "Created new connection 1",
        "Connection 1 checked out from pool",
        "Created new connection 2",
        "Connection 2 checked out from pool",
        "Connection 1 being returned to pool",
        "Connection 1 rollback-on-return",
        "Connection 2 being returned to pool",
        "Closing connection 2",
        "Connection 1 checked out from pool",
        "Invalidating connection 1 (reason: gone)",
        "Connection 1 being returned to pool",
        "Closing connection 1",
        "Pool disposed. Pool size: 1  Connections in pool: 0 Current Overflow: 0 Current Checked out connections: 0",
    };
    EXPECT_EQ(log_lines(), expected);
}

TEST_F(events_test, without_echo_pool_nothing_is_logged) {
    auto pool = make_pool({.size = 1, .max_overflow = 0});
    auto record = pool->checkout();
    pool->checkin(std::move(record));
    pool->dispose();
    EXPECT_TRUE(log_lines().empty());
}

}  // namespace
}  // namespace retort::test
