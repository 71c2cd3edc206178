#pragma once
// Echo and execute events on the asynchronous engine, the same checks for SQLite (reported by
// the synchronous connection on the worker thread) and PostgreSQL (on the event loop).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include <gtest/gtest.h>

#include "async_test_support.hpp"
#include "bulk_and_stream_checks.hpp"

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
    bool echoed(std::string_view part) { return echo_count(part) > 0; }
    std::size_t echo_count(std::string_view part) {
        std::lock_guard guard(lock);
        std::size_t n = 0;
        for (const auto& line : echo)
            if (line.find(part) != std::string::npos) ++n;
        return n;
    }
    void clear() {
        std::lock_guard guard(lock);
        before.clear();
        after.clear();
        echo.clear();
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

// execute_many reports each batch (before it is sent, with its rows' values; after its result,
// with how long it took) and echoes one line for the call; a stream reports what it sends.
inline boost::asio::awaitable<void> check_bulk_and_stream_events(async_engine& engine, execute_recorder& seen) {
    co_await recreate_items(engine);
    seen.listen(engine);
    auto conn = co_await engine.connect();
    const auto rows = numbered_items(2'500);
    EXPECT_EQ(co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows), 2'500);
    {
        std::lock_guard guard(seen.lock);
        EXPECT_EQ(seen.before.size(), 3u);  // batches of 1,000, 1,000 and 500 rows
        EXPECT_EQ(seen.after.size(), 3u);
        if (seen.before.size() == 3) {
            EXPECT_EQ(seen.before[0].params.size(), 3'000u);  // 1,000 rows of 3 values
            EXPECT_EQ(seen.before[2].params.size(), 1'500u);
            if (seen.before[2].params.size() >= 2) {
                EXPECT_EQ(seen.before[2].params[0], "2001");
                EXPECT_EQ(seen.before[2].params[1], "'item 2001'");
            }
        }
        for (const auto& e : seen.after) EXPECT_GT(e.duration.count(), 0);
    }
    EXPECT_EQ(seen.echo_count("execute_many: 2500 rows in 3 batches in "), 1u);
    EXPECT_EQ(seen.echo_count("VALUES"), 1u);  // the summary only: no batch's own SQL line
    seen.clear();

    const std::vector<std::tuple<int, int>> changes{{1, -1}, {2, -2}};
    EXPECT_EQ(co_await conn.execute_many(update_rows(items.id, items.worker), changes), 2);
    {
        std::lock_guard guard(seen.lock);
        EXPECT_EQ(seen.before.size(), 2u);  // one UPDATE per row
        EXPECT_EQ(seen.after.size(), 2u);
        if (seen.before.size() == 2) {
            EXPECT_EQ(seen.before[1].params.size(), 2u);
        }
    }
    EXPECT_TRUE(seen.echoed("execute_many: 2 rows in 2 batches in "));
    seen.clear();

    auto stream = co_await conn.execute(stream_results(select(items.id).where(items.id > 0).order_by(items.id), 1'000));
    std::size_t streamed = 0;
    while (auto batch = co_await stream.next_batch()) streamed += batch->size();
    EXPECT_EQ(streamed, 2'500u);
    std::lock_guard guard(seen.lock);
    // The statement once, with its value (PostgreSQL: the DECLARE of its cursor).
    EXPECT_EQ(seen.before.size(), 1u);
    EXPECT_EQ(seen.after.size(), 1u);
    if (seen.before.size() == 1) {
        EXPECT_EQ(seen.before[0].params, std::vector<std::string>{"0"});
    }
}

}  // namespace retort::test
