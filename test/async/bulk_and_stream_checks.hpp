#pragma once
// execute_many and streamed results on the asynchronous engine, the same checks for SQLite
// (sqlite_test.cpp) and PostgreSQL (postgresql_test.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/hana/define_struct.hpp>

#include <gtest/gtest.h>

#include "async_test_support.hpp"

namespace retort::test {

inline constexpr int bulk_row_count = 10'000;

// A row as a struct: members named like the columns.
struct bulk_item {
    BOOST_HANA_DEFINE_STRUCT(bulk_item, (int, id), (std::string, name), (std::optional<int>, worker));
};

// Rows (id, name, worker) with ids 1..n.
inline std::vector<std::tuple<int, std::string, int>> numbered_items(int n) {
    std::vector<std::tuple<int, std::string, int>> rows;
    rows.reserve(n);
    for (int i = 1; i <= n; ++i) rows.emplace_back(i, "item " + std::to_string(i), i % 7);
    return rows;
}

inline boost::asio::awaitable<void> check_execute_many_inserts_then_updates(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    const auto rows = numbered_items(bulk_row_count);
    std::vector<std::pair<std::int64_t, std::int64_t>> progress;
    const std::int64_t inserted = co_await conn.execute_many(
        insert_rows(items.id, items.name, items.worker), rows,
        {.progress = [&](std::int64_t done, std::int64_t total) { progress.emplace_back(done, total); }});
    EXPECT_EQ(inserted, bulk_row_count);
    // Batches of 1,000 rows (three parameters each): one report per batch.
    EXPECT_EQ(progress.size(), 10u);
    for (std::size_t i = 0; i < progress.size(); ++i)
        EXPECT_EQ(progress[i], std::make_pair(std::int64_t(1000 * (i + 1)), std::int64_t(bulk_row_count)));

    // Committed: another connection reads them back.
    auto reader = co_await engine.connect();
    auto back = (co_await reader.execute(select(items.id, items.name, items.worker).order_by(items.id))).all();
    EXPECT_EQ(back.size(), std::size_t(bulk_row_count));
    for (std::size_t i = 0; i < back.size(); ++i) {
        if (back[i].id != int(i + 1) || back[i].name != std::get<1>(rows[i]) || back[i].worker != std::get<2>(rows[i])) {
            ADD_FAILURE() << "row " << i << " read back as " << back[i].id << ", " << back[i].name;
            break;
        }
    }

    std::vector<std::tuple<int, int>> changes;
    for (int i = 1; i <= bulk_row_count; i += 2) changes.emplace_back(i, -i);
    const std::int64_t updated = co_await conn.execute_many(update_rows(items.id, items.worker), changes);
    EXPECT_EQ(updated, std::int64_t(changes.size()));
    EXPECT_EQ((co_await reader.execute(select(count()).select_from(items).where(items.worker < 0))).scalar(),
              std::int64_t(changes.size()));

    // Structs.
    const std::vector<bulk_item> structs{{30'000, "s1", std::nullopt}, {30'001, "s2", 5}};
    EXPECT_EQ(co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), structs), 2);
    EXPECT_EQ((co_await reader.execute(select(items.worker).where(items.id == 30'001))).scalar(), 5);

    // RETURNING: the new rows' values in the order of the input.
    const auto more = std::vector<std::tuple<int, std::string, int>>{{20'001, "a", 1}, {20'000, "b", 2}, {20'002, "c", 3}};
    auto returned = co_await conn.execute_many(insert_rows(items.id, items.name, items.worker).returning(items.id, items.name),
                                               more);
    EXPECT_EQ(returned.size(), 3u);
    if (returned.size() == 3u) {
        EXPECT_EQ(returned[0].id, 20'001);
        EXPECT_EQ(returned[1].name, "b");
        EXPECT_EQ(returned[2].id, 20'002);
    }
}

// Ids 1..3000, the 2,501st row (in the third batch) repeating id 1.
inline std::vector<std::tuple<int, std::string, int>> rows_failing_in_the_third_batch() {
    auto rows = numbered_items(3000);
    std::get<0>(rows[2500]) = 1;
    return rows;
}

inline boost::asio::awaitable<void> check_execute_many_failing_row_outside_begin_leaves_no_row(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    const auto rows = rows_failing_in_the_third_batch();
    bool thrown = false;
    try {
        co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows);
    } catch (const integrity_error& e) {
        thrown = true;
        EXPECT_NE(std::string(e.what()).find("INSERT INTO \"async_items\""), std::string::npos) << e.what();
        // The failing batch's values (rows 2,001 to 3,000), shown as rows.
        EXPECT_EQ(e.params().size(), 3000u);
        EXPECT_EQ(e.params_per_set(), 3u);
        EXPECT_NE(std::string(e.what()).find("(2001, 'item 2001', 6)"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(thrown);
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 0);
    // The connection runs on.
    EXPECT_EQ(co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), numbered_items(3)), 3);
    auto other = co_await engine.connect();
    EXPECT_EQ((co_await other.execute(select(count()).select_from(items))).scalar(), 3);
}

// `method`: PostgreSQL's COPY runs in the same savepoint as its VALUES.
inline boost::asio::awaitable<void> check_execute_many_failing_row_inside_begin_is_the_transactions(
    async_engine& engine, bulk_method method = bulk_method::values) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    co_await conn.begin();
    co_await conn.execute(insert(items).values(items.id = 50'000, items.name = "before"));
    const bulk_options options{.method = method};
    const auto rows = rows_failing_in_the_third_batch();
    bool thrown = false;
    try {
        co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows, options);
    } catch (const integrity_error&) {
        thrown = true;
    }
    EXPECT_TRUE(thrown);
    // As connection::execute_many: the call's own rows are undone, the transaction goes on
    // and its owner decides.
    EXPECT_TRUE(conn.in_transaction());
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 1);
    co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), numbered_items(2), options);
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 3);
    co_await conn.rollback();
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 0);
}

inline boost::asio::awaitable<void> check_stream_reads_in_order_batch_by_batch(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), numbered_items(bulk_row_count));
    auto stream = co_await conn.execute(
        stream_results(select(items.id, items.name).where(items.id > 0 && items.name != "nobody").order_by(items.id), 1000));
    int next_id = 1;
    std::vector<std::size_t> sizes;
    while (auto batch = co_await stream.next_batch()) {
        sizes.push_back(batch->size());
        for (const auto& row : *batch) {
            if (row.id != next_id) {
                ADD_FAILURE() << "row " << row.id << " came where " << next_id << " was due";
                co_return;
            }
            EXPECT_EQ(row.name, "item " + std::to_string(next_id));
            ++next_id;
        }
    }
    EXPECT_EQ(next_id, bulk_row_count + 1);
    EXPECT_EQ(sizes, std::vector<std::size_t>(10, 1000));
    EXPECT_TRUE(stream.closed());
    EXPECT_FALSE(co_await stream.next_batch());
    // The stream's transaction is over: the connection's next statement is its own.
    co_await conn.execute(insert(items).values(items.id = 50'000, items.name = "after"));
    auto other = co_await engine.connect();
    EXPECT_EQ((co_await other.execute(select(count()).select_from(items))).scalar(), bulk_row_count + 1);

    // Inside begin(): the stream is part of the transaction, which goes on after it.
    co_await conn.begin();
    co_await conn.execute(delete_from(items).where(items.id > 100));
    auto in_tx = co_await conn.execute(stream_results(select(items.id).where(items.id <= 100).order_by(items.id), 30));
    std::vector<std::size_t> tx_sizes;
    while (auto batch = co_await in_tx.next_batch()) tx_sizes.push_back(batch->size());
    EXPECT_EQ(tx_sizes, (std::vector<std::size_t>{30, 30, 30, 10}));
    EXPECT_TRUE(conn.in_transaction());
    co_await conn.rollback();
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), bulk_row_count + 1);
}

inline boost::asio::awaitable<void> check_stream_broken_off_early_frees_the_connection(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), numbered_items(bulk_row_count));
    {
        auto stream = co_await conn.execute(stream_results(select(items.id).order_by(items.id), 1000));
        auto first = co_await stream.next_batch();
        EXPECT_TRUE(first && first->size() == 1000u);
        EXPECT_FALSE(stream.closed());
    }  // dropped with 9,000 rows unread
    co_await conn.execute(insert(items).values(items.id = 50'000, items.name = "after"));
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), bulk_row_count + 1);
    auto other = co_await engine.connect();  // committed: not left in the stream's transaction
    EXPECT_EQ((co_await other.execute(select(count()).select_from(items))).scalar(), bulk_row_count + 1);
    other.close();

    // close(): the same, awaited.
    auto stream = co_await conn.execute(stream_results(select(items.id).order_by(items.id), 1000));
    EXPECT_TRUE(co_await stream.next_batch());
    co_await stream.close();
    EXPECT_TRUE(stream.closed());
    EXPECT_FALSE(co_await stream.next_batch());
    co_await conn.execute(delete_from(items).where(items.id == 50'000));
    auto third = co_await engine.connect();
    EXPECT_EQ((co_await third.execute(select(count()).select_from(items))).scalar(), bulk_row_count);
}

inline boost::asio::awaitable<void> check_stream_error_mid_stream_surfaces_at_the_co_await(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), numbered_items(bulk_row_count));
    // Row 5,500 fails to compute: division by zero (PostgreSQL), integer overflow (SQLite). No
    // ORDER BY: a sort would compute every row before the first; a fresh table is read in order.
    const std::string sql = engine.dialect() == dialect_kind::postgresql
                                ? "SELECT id, 1 / (id - 5500) AS worker FROM async_items"
                                : "SELECT id, abs(CASE WHEN id = 5500 THEN -9223372036854775808 ELSE id END) AS worker "
                                  "FROM async_items";
    auto stream = co_await conn.execute(stream_results(text_clause(sql).columns(items.id, items.worker), 1000));
    int batches = 0;
    bool thrown = false;
    try {
        while (auto batch = co_await stream.next_batch()) {
            ++batches;
            EXPECT_EQ(batch->size(), 1000u);
        }
    } catch (const statement_error& e) {
        thrown = true;
        EXPECT_NE(std::string(e.what()).find("AS worker FROM async_items"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(thrown);
    EXPECT_EQ(batches, 5);  // rows 1..5000 came; the batch holding 5,500 failed
    EXPECT_TRUE(stream.closed());
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), bulk_row_count);
}

}  // namespace retort::test
