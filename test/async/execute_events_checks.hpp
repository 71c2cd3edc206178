#pragma once
// Echo and execute events on the asynchronous engine, the same checks for SQLite (reported by
// the synchronous connection on the worker thread) and PostgreSQL (on the event loop).
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include <gtest/gtest.h>

#include "async_test_support.hpp"

namespace retort::test {

// What the listeners and the echo log saw; written from whichever thread reports.
struct recorded_execution {
    std::string sql;
    std::vector<std::string> params;
    std::chrono::nanoseconds duration{};
};
struct execute_recorder {
    std::mutex lock;
    std::vector<recorded_execution> before, after;
    std::vector<std::string> echo;

    void listen(async_engine& engine) {
        engine.on_before_execute([this](const statement_info& info) { record(before, info); });
        engine.on_after_execute([this](const statement_info& info) { record(after, info); });
    }
    engine_options options() {
        return {.echo = true, .log = [this](std::string_view line) {
                    std::lock_guard guard(lock);
                    echo.emplace_back(line);
                }};
    }
    // Only the statements on the items table: DDL, BEGIN and COMMIT come and go by dialect.
    void record(std::vector<recorded_execution>& to, const statement_info& info) {
        if (info.sql.find("async_items") == std::string_view::npos) return;
        std::lock_guard guard(lock);
        to.push_back({std::string(info.sql), info.params ? *info.params : std::vector<std::string>{}, info.duration});
    }
    bool echoed(std::string_view part) {
        std::lock_guard guard(lock);
        for (const auto& line : echo)
            if (line.find(part) != std::string::npos) return true;
        return false;
    }
};

inline boost::asio::awaitable<void> check_execute_events(async_engine& engine, execute_recorder& seen) {
    co_await recreate_items(engine);
    seen.listen(engine);
    auto conn = co_await engine.connect();
    co_await conn.execute(insert(items).values(items.id = 7, items.name = "seven"));
    auto name = (co_await conn.execute(select(items.name).where(items.id == 7))).scalar_one();
    EXPECT_EQ(name, "seven");
    bool refused = false;
    try {
        co_await conn.execute(insert(items).values(items.id = 7, items.name = "again"));
    } catch (const integrity_error&) {
        refused = true;
    }
    EXPECT_TRUE(refused);

    std::lock_guard guard(seen.lock);
    // Before each of the three; after the two that succeeded, with how long each took.
    EXPECT_EQ(seen.before.size(), 3u);
    EXPECT_EQ(seen.after.size(), 2u);
    if (seen.before.size() == 3 && seen.after.size() == 2) {
        EXPECT_NE(seen.before[0].sql.find("INSERT INTO"), std::string::npos) << seen.before[0].sql;
        EXPECT_EQ(seen.before[0].params, (std::vector<std::string>{"7", "'seven'"}));
        EXPECT_NE(seen.before[1].sql.find("SELECT"), std::string::npos) << seen.before[1].sql;
        EXPECT_EQ(seen.before[1].params, std::vector<std::string>{"7"});
        EXPECT_EQ(seen.after[1].sql, seen.before[1].sql);
        EXPECT_GT(seen.after[0].duration.count(), 0);
        EXPECT_GT(seen.after[1].duration.count(), 0);
    }
}

}  // namespace retort::test
