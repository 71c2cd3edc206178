// NullPool: a new connection per checkout, closed at checkin.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sqlite_pool_fixture.hpp"

namespace retort::test {
namespace {

using null_pool = sqlite_pool_fixture;

TEST_F(null_pool, opens_a_connection_per_checkout_and_closes_it_at_checkin) {
    auto pool = make_pool({.kind = pool_class::null});
    auto a = pool->checkout();
    auto b = pool->checkout();
    EXPECT_NE(a->id(), b->id());
    EXPECT_EQ(pool->status().checked_out, 2);
    EXPECT_EQ(pool->status().size, 0);
    const auto a_id = a->id();
    a->dbapi().exec("CREATE TABLE t (x INTEGER)");
    a->dbapi().exec("BEGIN; INSERT INTO t VALUES (1)");
    events.take();

    pool->checkin(std::move(a));
    const std::vector<std::string> expected{"reset " + std::to_string(a_id), "checkin " + std::to_string(a_id),
                                            "close " + std::to_string(a_id)};
    EXPECT_EQ(events.take(), expected);
    pool->checkin(std::move(b));

    const pool_status s = pool->status();
    EXPECT_EQ(s.checked_out, 0);
    EXPECT_EQ(s.idle, 0);
    EXPECT_EQ(s.overflow, 0);
    auto c = pool->checkout();
    EXPECT_EQ(scalar(c->dbapi(), "SELECT count(*) FROM t"), 0) << "the open transaction was not rolled back";
    pool->checkin(std::move(c));
    EXPECT_EQ(connects.load(), 3);
}

TEST_F(null_pool, a_failing_connect_propagates) {
    auto pool = make_pool({.kind = pool_class::null});
    fail_connects = true;
    EXPECT_THROW(pool->checkout(), retort::cannot_connect);
    EXPECT_EQ(pool->status().checked_out, 0);
}

}  // namespace
}  // namespace retort::test
