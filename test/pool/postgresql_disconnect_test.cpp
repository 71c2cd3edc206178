// One PostgreSQL backend killed under the pool (pg_terminate_backend from another
// session), at the pool's level: pre_ping replaces it unseen, and a connection that
// dies inside a transaction is closed at checkin because its rollback fails.
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>

#include "connector.hpp"
#include "database_url.hpp"
#include "event_recorder.hpp"
#include "pool.hpp"
#include "postgresql_test_helpers.hpp"
#include "support/libpq_session.hpp"
#include "support/postgres.hpp"

namespace retort::test {
namespace {

class postgresql_disconnect : public ::testing::Test {
protected:
    std::unique_ptr<::retort::detail::pool> make_pool(const std::string& url, ::retort::detail::pool_config config) {
        config.log = [this](std::string_view line) { log.emplace_back(line); };
        return std::make_unique<::retort::detail::pool>(
            std::move(config), ::retort::detail::make_connector(::retort::detail::parse_database_url(url), {}),
            listeners);
    }

    static void terminate(libpq_session& admin, std::int64_t pid) {
        ASSERT_EQ(admin.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")"), "t");
        ASSERT_TRUE(backend_gone(admin, pid)) << "backend " << pid << " did not exit";
    }

    ::retort::detail::pool_listeners listeners;
    event_recorder events{listeners};
    std::vector<std::string> log;
};

TEST_F(postgresql_disconnect, pre_ping_replaces_a_killed_connection_and_the_ones_older_than_it) {
    RETORT_REQUIRE_POSTGRES(url);
    auto pool = make_pool(url, {.size = 2, .max_overflow = 0, .pre_ping = true, .echo = true});
    auto a = pool->checkout();
    auto b = pool->checkout();
    const auto a_id = a->id(), b_id = b->id();
    const auto a_pid = driver_scalar(a->dbapi(), "SELECT pg_backend_pid()");
    const auto b_pid = driver_scalar(b->dbapi(), "SELECT pg_backend_pid()");
    pool->checkin(std::move(a));
    pool->checkin(std::move(b));

    libpq_session admin(url);
    terminate(admin, a_pid);
    events.take();

    // FIFO: a (dead) comes first; its failed ping condemns b too, which is alive.
    auto first = pool->checkout();
    EXPECT_NE(first->id(), a_id);
    EXPECT_NE(driver_scalar(first->dbapi(), "SELECT pg_backend_pid()"), a_pid);
    auto second = pool->checkout();
    EXPECT_NE(second->id(), b_id);
    EXPECT_EQ(driver_scalar(second->dbapi(), "SELECT 1"), 1);
    const std::vector<std::string> expected{
        "invalidate " + std::to_string(a_id), "close " + std::to_string(a_id),
        "connect " + std::to_string(first->id()), "checkout " + std::to_string(first->id()),
        "close " + std::to_string(b_id), "connect " + std::to_string(second->id()),
        "checkout " + std::to_string(second->id())};
    EXPECT_EQ(events.take(), expected);
    EXPECT_NE(std::find(log.begin(), log.end(),
                        "Pool pre-ping on connection " + std::to_string(a_id) + " failed, will invalidate pool"),
              log.end());
    EXPECT_TRUE(backend_gone(admin, b_pid)) << "the condemned connection was not closed";
    pool->checkin(std::move(first));
    pool->checkin(std::move(second));
}

TEST_F(postgresql_disconnect, without_pre_ping_a_killed_connection_is_handed_out) {
    RETORT_REQUIRE_POSTGRES(url);
    auto pool = make_pool(url, {.size = 1, .max_overflow = 0});
    auto a = pool->checkout();
    const auto pid = driver_scalar(a->dbapi(), "SELECT pg_backend_pid()");
    pool->checkin(std::move(a));
    libpq_session admin(url);
    terminate(admin, pid);

    // The pool cannot know: this is what pre_ping is for (the engine turns the
    // failure into connection_lost and invalidates).
    auto dead = pool->checkout();
    EXPECT_THROW(driver_scalar(dead->dbapi(), "SELECT 1"), retort::connection_lost);
    pool->invalidate(*dead, "connection_lost");
    pool->checkin(std::move(dead));
    auto fresh = pool->checkout();
    EXPECT_EQ(driver_scalar(fresh->dbapi(), "SELECT 1"), 1);
    pool->checkin(std::move(fresh));
}

TEST_F(postgresql_disconnect, a_connection_that_dies_inside_a_transaction_is_closed_at_checkin) {
    RETORT_REQUIRE_POSTGRES(url);
    auto pool = make_pool(url, {.size = 1, .max_overflow = 0});
    auto record = pool->checkout();
    const auto id = record->id();
    const auto pid = driver_scalar(record->dbapi(), "SELECT pg_backend_pid()");
    record->dbapi().exec("BEGIN");
    ASSERT_TRUE(record->dbapi().in_transaction());
    libpq_session admin(url);
    terminate(admin, pid);
    events.take();

    pool->checkin(std::move(record));  // the rollback fails: the connection is closed, not pooled
    const std::vector<std::string> expected{"reset " + std::to_string(id), "checkin " + std::to_string(id),
                                            "close " + std::to_string(id)};
    EXPECT_EQ(events.take(), expected);
    EXPECT_EQ(pool->status().idle, 0);
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().rfind("Exception during reset or similar on connection " + std::to_string(id) + ": ", 0), 0u)
        << log.back();

    auto fresh = pool->checkout();
    EXPECT_NE(fresh->id(), id);
    EXPECT_FALSE(fresh->dbapi().in_transaction());
    EXPECT_EQ(driver_scalar(fresh->dbapi(), "SELECT 1"), 1);
    pool->checkin(std::move(fresh));
}

}  // namespace
}  // namespace retort::test
