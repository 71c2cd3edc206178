// StaticPool: one connection shared by every checkout (an SQLite memory database).
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "database_url.hpp"
#include "event_recorder.hpp"
#include "pool.hpp"
#include "sqlite_connection.hpp"

namespace retort::test {
namespace {

class static_pool : public ::testing::Test {
protected:
    std::unique_ptr<::retort::detail::pool> make_pool(::retort::detail::pool_config config = {.kind = pool_class::static_pool}) {
        config.log = [](std::string_view) {};
        return std::make_unique<::retort::detail::pool>(
            std::move(config),
            [] {
                return std::make_unique<::retort::detail::sqlite_connection>(
                    ::retort::detail::make_sqlite_config(::retort::detail::parse_database_url("sqlite://")));
            },
            listeners);
    }

    static std::int64_t count_rows(driver::connection& dbapi) {
        auto statement = dbapi.prepare(driver::uncached, "SELECT count(*) FROM t");
        statement->execute();
        statement->next();
        return statement->get_int(0);
    }

    ::retort::detail::pool_listeners listeners;
    event_recorder events{listeners};
};

TEST_F(static_pool, every_checkout_shares_one_memory_database) {
    auto pool = make_pool();
    auto a = pool->checkout();
    a->dbapi().exec("CREATE TABLE t (x INTEGER)");
    a->dbapi().exec("INSERT INTO t VALUES (1)");
    auto b = pool->checkout();  // while a is still out
    EXPECT_EQ(b->id(), a->id());
    EXPECT_EQ(count_rows(b->dbapi()), 1);

    pool_status s = pool->status();
    EXPECT_EQ(s.size, 1);
    EXPECT_EQ(s.checked_out, 2);
    EXPECT_EQ(s.idle, 0);
    pool->checkin(std::move(a));
    pool->checkin(std::move(b));
    EXPECT_EQ(events.count("close"), 0) << "returning a checkout closed the shared connection";

    s = pool->status();
    EXPECT_EQ(s.checked_out, 0);
    EXPECT_EQ(s.idle, 1);
    auto c = pool->checkout();
    EXPECT_EQ(count_rows(c->dbapi()), 1);
    pool->checkin(std::move(c));
    EXPECT_EQ(events.count("connect"), 1);
}

TEST_F(static_pool, reset_on_return_rolls_back_the_shared_connection) {
    auto pool = make_pool();
    auto a = pool->checkout();
    a->dbapi().exec("CREATE TABLE t (x INTEGER)");
    a->dbapi().exec("BEGIN; INSERT INTO t VALUES (1)");
    pool->checkin(std::move(a));
    auto b = pool->checkout();
    EXPECT_FALSE(b->dbapi().in_transaction());
    EXPECT_EQ(count_rows(b->dbapi()), 0);
    pool->checkin(std::move(b));
}

TEST_F(static_pool, invalidation_replaces_the_connection_once_its_last_holder_returns_it) {
    auto pool = make_pool();
    auto a = pool->checkout();
    auto b = pool->checkout();
    const auto old_id = a->id();
    a->dbapi().exec("CREATE TABLE t (x INTEGER)");

    pool->invalidate(*a);
    pool->checkin(std::move(a));
    EXPECT_EQ(events.count("close"), 0) << "closed while b still uses it";
    EXPECT_EQ(count_rows(b->dbapi()), 0);

    auto fresh = pool->checkout();  // a new memory database
    EXPECT_NE(fresh->id(), old_id);
    EXPECT_THROW(count_rows(fresh->dbapi()), retort::statement_error);
    EXPECT_EQ(events.count("close"), 0);

    pool->checkin(std::move(b));
    const auto fired = events.take();
    EXPECT_EQ(fired.back(), "close " + std::to_string(old_id));
    pool->checkin(std::move(fresh));
}

TEST_F(static_pool, dispose_closes_the_connection) {
    auto pool = make_pool();
    auto a = pool->checkout();
    const auto id = a->id();
    pool->checkin(std::move(a));
    pool->dispose();
    EXPECT_EQ(events.take().back(), "close " + std::to_string(id));
    auto b = pool->checkout();
    EXPECT_NE(b->id(), id);
    pool->checkin(std::move(b));
}

}  // namespace
}  // namespace retort::test
