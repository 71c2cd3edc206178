// Recycle, invalidation and dispose on real SQLite file connections.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sqlite_pool_fixture.hpp"

namespace retort::test {
namespace {

using namespace std::chrono_literals;
using invalidation = sqlite_pool_fixture;

std::string entry(const char* event, std::uint64_t id) { return std::string(event) + ' ' + std::to_string(id); }

TEST_F(invalidation, recycle_replaces_connections_older_than_pool_recycle_at_checkout) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .recycle = 0.2, .echo = true});
    auto record = pool->checkout();
    const auto old_id = record->id();
    pool->checkin(std::move(record));

    record = pool->checkout();
    EXPECT_EQ(record->id(), old_id) << "recycled before pool_recycle elapsed";
    pool->checkin(std::move(record));

    std::this_thread::sleep_for(250ms);
    events.take();
    record = pool->checkout();
    EXPECT_NE(record->id(), old_id);
    EXPECT_EQ(scalar(record->dbapi(), "SELECT 3"), 3);
    const std::vector<std::string> expected{entry("close", old_id), entry("connect", record->id()),
                                            entry("checkout", record->id())};
    EXPECT_EQ(events.take(), expected);
    const auto log = log_lines();
    EXPECT_NE(std::find(log.begin(), log.end(), "Connection " + std::to_string(old_id) + " exceeded timeout; recycling"),
              log.end());
    pool->checkin(std::move(record));
    EXPECT_EQ(pool->status().idle, 1);
}

TEST_F(invalidation, an_invalidated_connection_is_closed_at_checkin_not_pooled) {
    auto pool = make_pool({.size = 2, .max_overflow = 0});
    auto record = pool->checkout();
    const auto id = record->id();
    events.take();
    pool->invalidate(*record, "test");
    EXPECT_TRUE(record->invalidated());
    EXPECT_FALSE(record->dbapi().closed()) << "closed while still checked out";
    pool->checkin(std::move(record));

    const std::vector<std::string> expected{entry("invalidate", id), entry("checkin", id), entry("close", id)};
    EXPECT_EQ(events.take(), expected);
    EXPECT_EQ(pool->status().idle, 0);
    EXPECT_EQ(pool->status().checked_out, 0);
}

TEST_F(invalidation, invalidating_one_connection_replaces_every_connection_open_at_that_moment) {
    auto pool = make_pool({.size = 3, .max_overflow = 0, .echo = true});
    auto a = pool->checkout(), b = pool->checkout(), c = pool->checkout();
    const auto b_id = b->id(), c_id = c->id();
    pool->checkin(std::move(b));
    pool->checkin(std::move(c));

    pool->invalidate(*a, "server closed the connection");  // as the engine does on connection_lost
    pool->checkin(std::move(a));
    EXPECT_EQ(pool->status().idle, 2) << "stale idle connections are replaced lazily, at checkout";

    // Both idle connections predate the invalidation: each checkout replaces one.
    auto first = pool->checkout();
    auto second = pool->checkout();
    EXPECT_NE(first->id(), b_id);
    EXPECT_NE(first->id(), c_id);
    EXPECT_NE(second->id(), b_id);
    EXPECT_NE(second->id(), c_id);
    EXPECT_EQ(events.count("close"), 3);
    const auto log = log_lines();
    EXPECT_NE(std::find(log.begin(), log.end(),
                        "Invalidating connection 1 (reason: server closed the connection)"),
              log.end());

    // Connections made after the invalidation are not affected by it.
    const auto first_id = first->id();
    pool->checkin(std::move(first));
    pool->checkin(std::move(second));
    auto again = pool->checkout();
    EXPECT_EQ(again->id(), first_id);
    pool->checkin(std::move(again));
}

TEST_F(invalidation, a_connection_older_than_the_last_invalidation_does_not_invalidate_newer_ones) {
    auto pool = make_pool({.size = 2, .max_overflow = 0});
    auto old = pool->checkout();
    auto other = pool->checkout();
    pool->invalidate(*other);
    pool->checkin(std::move(other));
    auto fresh = pool->checkout();  // made after the invalidation
    const auto fresh_id = fresh->id();

    // A second disconnect seen on a connection from before the first one (one
    // server restart seen twice) must not condemn the connection made since.
    pool->invalidate(*old);
    pool->checkin(std::move(old));
    pool->checkin(std::move(fresh));
    auto again = pool->checkout();
    EXPECT_EQ(again->id(), fresh_id);
    pool->checkin(std::move(again));
}

TEST_F(invalidation, dispose_closes_idle_connections_and_checked_out_ones_on_return) {
    auto pool = make_pool({.size = 3, .max_overflow = 0, .echo = true});
    auto a = pool->checkout(), b = pool->checkout();
    const auto a_id = a->id(), b_id = b->id();
    pool->checkin(std::move(a));
    events.take();

    pool->dispose();
    EXPECT_EQ(events.take(), std::vector<std::string>{entry("close", a_id)});
    EXPECT_EQ(pool->status().idle, 0);
    EXPECT_EQ(pool->status().checked_out, 1);
    const auto log = log_lines();
    EXPECT_EQ(log.back(),
              "Pool disposed. Pool size: 3  Connections in pool: 0 Current Overflow: 0 Current Checked out connections: 1");

    pool->checkin(std::move(b));
    EXPECT_EQ(events.count("close"), 1);
    EXPECT_EQ(events.take().back(), entry("close", b_id));
    auto fresh = pool->checkout();
    EXPECT_NE(fresh->id(), a_id);
    EXPECT_NE(fresh->id(), b_id);
    pool->checkin(std::move(fresh));
}

TEST_F(invalidation, a_connection_closed_behind_the_pools_back_is_replaced) {
    auto pool = make_pool({.size = 1, .max_overflow = 0});
    auto record = pool->checkout();
    const auto id = record->id();
    record->dbapi().close();
    pool->checkin(std::move(record));
    auto next = pool->checkout();
    EXPECT_NE(next->id(), id);
    EXPECT_EQ(scalar(next->dbapi(), "SELECT 4"), 4);
    pool->checkin(std::move(next));
}

}  // namespace
}  // namespace retort::test
