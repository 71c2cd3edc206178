// Reset on return: what a connection left open is rolled back before anyone else
// gets it. Real SQLite file connections.
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sqlite_pool_fixture.hpp"

namespace retort::test {
namespace {

using reset_on_return = sqlite_pool_fixture;

TEST_F(reset_on_return, rolls_back_an_open_transaction) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .echo = true});
    auto record = pool->checkout();
    record->dbapi().exec("CREATE TABLE items (id INTEGER PRIMARY KEY)");
    record->dbapi().exec("BEGIN");
    record->dbapi().exec("INSERT INTO items VALUES (1)");
    const auto id = record->id();
    events.take();
    pool->checkin(std::move(record));

    const std::vector<std::string> expected{"reset " + std::to_string(id), "checkin " + std::to_string(id)};
    EXPECT_EQ(events.take(), expected);
    const auto log = log_lines();
    EXPECT_NE(std::find(log.begin(), log.end(), "Connection " + std::to_string(id) + " rollback-on-return"), log.end());

    auto again = pool->checkout();
    EXPECT_EQ(again->id(), id);
    EXPECT_FALSE(again->dbapi().in_transaction());
    EXPECT_EQ(scalar(again->dbapi(), "SELECT count(*) FROM items"), 0);
    pool->checkin(std::move(again));
}

TEST_F(reset_on_return, leaves_committed_work_alone) {
    auto pool = make_pool({.size = 1, .max_overflow = 0});
    auto record = pool->checkout();
    record->dbapi().exec("CREATE TABLE items (id INTEGER PRIMARY KEY)");
    record->dbapi().exec("BEGIN; INSERT INTO items VALUES (1); COMMIT");
    pool->checkin(std::move(record));

    record = pool->checkout();
    EXPECT_EQ(scalar(record->dbapi(), "SELECT count(*) FROM items"), 1);
    pool->checkin(std::move(record));
}

TEST_F(reset_on_return, off_returns_the_connection_as_it_was) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .reset_on_return = false});
    auto record = pool->checkout();
    record->dbapi().exec("BEGIN");
    pool->checkin(std::move(record));
    EXPECT_EQ(events.count("reset"), 0);

    record = pool->checkout();
    EXPECT_TRUE(record->dbapi().in_transaction());
    record->dbapi().exec("ROLLBACK");
    pool->checkin(std::move(record));
}

TEST_F(reset_on_return, a_failed_reset_closes_the_connection) {
    auto pool = make_pool({.size = 1, .max_overflow = 0});
    listeners.reset.push_back([](const pool_event&) { throw std::runtime_error("reset listener failed"); });
    auto record = pool->checkout();
    const auto id = record->id();
    record->dbapi().exec("BEGIN");
    pool->checkin(std::move(record));

    EXPECT_EQ(events.count("close"), 1);
    EXPECT_EQ(pool->status().idle, 0);
    EXPECT_EQ(pool->status().checked_out, 0);
    const auto log = log_lines();
    ASSERT_FALSE(log.empty()) << "the failure was not logged";
    EXPECT_EQ(log.back(), "Exception during reset or similar on connection " + std::to_string(id) +
                              ": reset listener failed");

    auto next = pool->checkout();
    EXPECT_NE(next->id(), id);
    EXPECT_FALSE(next->dbapi().in_transaction());
    pool->checkin(std::move(next));
}

}  // namespace
}  // namespace retort::test
