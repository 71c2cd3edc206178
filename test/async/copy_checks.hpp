#pragma once
// execute_many(..., {.method = bulk_method::copy}) on the asynchronous engine: on PostgreSQL a
// COPY FROM STDIN, run outside pipeline mode while the statements sent meanwhile wait
// (postgresql_test.cpp runs these).
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <gtest/gtest.h>

#include "async_test_support.hpp"

namespace retort::test {

inline constexpr int copy_row_count = 100'000;

using copied_row = std::tuple<int, std::string, std::optional<int>>;

// Passed by name: g++ 12 destroys a braced bulk_options in a co_await expression twice (its
// std::function, when it holds a lambda, freed twice).
inline const bulk_options copy_options{.method = bulk_method::copy};

// Rows with ids 1..n whose text needs COPY's escapes (tabs, newlines, carriage returns,
// backslashes, one ending the text, a literal \N) or is not ASCII; every third worker NULL.
inline std::vector<copied_row> rows_to_copy(int n) {
    static const std::string shapes[] = {"plain",         "tab\there",       "line\nbreak", "cr\rlf\r\n",
                                         "back\\slash\\", "\\N",             "",            "a\\tb \\\\n",
                                         "ünïcødé ✓ 漢字", "quote ' \" end"};
    std::vector<copied_row> rows;
    rows.reserve(n);
    for (int i = 1; i <= n; ++i)
        rows.emplace_back(i, shapes[i % 10] + " " + std::to_string(i),
                          i % 3 == 0 ? std::nullopt : std::optional<int>(i % 11));
    return rows;
}

// Reads the table back through another connection: true when it holds exactly `rows`.
inline boost::asio::awaitable<void> expect_table_holds(async_engine& engine, const std::vector<copied_row>& rows) {
    auto reader = co_await engine.connect();
    auto back = (co_await reader.execute(select(items.id, items.name, items.worker).order_by(items.id))).all();
    EXPECT_EQ(back.size(), rows.size());
    for (std::size_t i = 0; i < back.size() && i < rows.size(); ++i) {
        if (back[i].id != std::get<0>(rows[i]) || back[i].name != std::get<1>(rows[i]) ||
            back[i].worker != std::get<2>(rows[i])) {
            ADD_FAILURE() << "row " << i << " read back as " << back[i].id << ", [" << back[i].name << "], "
                          << (back[i].worker ? std::to_string(*back[i].worker) : "NULL");
            break;
        }
    }
}

// 100,000 rows by COPY, progress reported every 1,000 as the synchronous COPY does;
// `mid_copy` runs when half are written (the test looks at the server then).
inline boost::asio::awaitable<void> check_copy_loads_rows_read_back_equal(async_engine& engine,
                                                                          std::function<void()> mid_copy) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    const auto rows = rows_to_copy(copy_row_count);
    std::vector<std::pair<std::int64_t, std::int64_t>> progress;
    const bulk_options by_copy{.method = bulk_method::copy, .progress = [&](std::int64_t done, std::int64_t total) {
                                   progress.emplace_back(done, total);
                                   if (done == copy_row_count / 2) mid_copy();
                               }};
    const std::int64_t inserted =
        co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows, by_copy);
    EXPECT_EQ(inserted, copy_row_count);
    EXPECT_EQ(progress.size(), std::size_t(copy_row_count / 1000));
    for (std::size_t i = 0; i < progress.size(); ++i)
        EXPECT_EQ(progress[i], std::make_pair(std::int64_t(1000 * (i + 1)), std::int64_t(copy_row_count)));
    co_await expect_table_holds(engine, rows);  // committed: seen from another connection

    // RETURNING cannot come from a COPY: as connection::execute_many, such a call loads by VALUES.
    const std::vector<copied_row> more{{copy_row_count + 1, "r", 1}};
    auto returned = co_await conn.execute_many(insert_rows(items.id, items.name, items.worker).returning(items.id),
                                               more, copy_options);
    EXPECT_EQ(returned.size(), 1u);
    if (!returned.empty()) {
        EXPECT_EQ(returned[0].id, copy_row_count + 1);
    }
    // No rows: a COPY of none, reported as progress(0, 0).
    std::vector<std::pair<std::int64_t, std::int64_t>> none_progress;
    const bulk_options none_by_copy{.method = bulk_method::copy, .progress = [&](std::int64_t d, std::int64_t t) {
                                        none_progress.emplace_back(d, t);
                                    }};
    const std::vector<copied_row> no_rows;
    EXPECT_EQ(co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), no_rows, none_by_copy), 0);
    EXPECT_EQ(none_progress, (std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 0}}));
}

// Coroutines spawned on the connection's executor, counted as they end; wait() returns when
// all have (a timer cancelled by the last, not a sleep).
class spawned_readers {
public:
    explicit spawned_readers(const boost::asio::any_io_executor& executor) : executor_(executor), all_done_(executor) {
        all_done_.expires_at(boost::asio::steady_timer::time_point::max());
    }
    void spawn(boost::asio::awaitable<void> work) {
        ++started_;
        boost::asio::co_spawn(executor_, std::move(work), [this](std::exception_ptr e) {
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& x) {
                    ADD_FAILURE() << "a reader threw: " << x.what();
                }
            }
            if (++ended_ == started_) all_done_.cancel();
        });
    }
    boost::asio::awaitable<void> wait() {
        while (ended_ < started_) {
            boost::system::error_code ec;
            co_await all_done_.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
        }
    }

private:
    boost::asio::any_io_executor executor_;
    boost::asio::steady_timer all_done_;
    int started_ = 0;
    int ended_ = 0;
};

// Reads on the COPY's connection: those sent before it see the table empty and end before
// it; those sent while it runs (from its progress callback) wait for it, see every row, and
// end after it in the order they were sent.
inline boost::asio::awaitable<void> check_copy_shares_its_connection_with_reads(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    const auto rows = rows_to_copy(copy_row_count);
    std::vector<std::string> ended;
    spawned_readers readers(co_await boost::asio::this_coro::executor);
    // (`during` 0: sent before the COPY.)
    const auto count_rows = [&](int during) -> boost::asio::awaitable<void> {
        const std::int64_t expected = during == 0 ? 0 : copy_row_count;
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), expected) << during;
        ended.push_back(during == 0 ? "before" : "during " + std::to_string(during));
    };
    const auto read_row = [&](int id) -> boost::asio::awaitable<void> {
        auto name = (co_await conn.execute(select(items.name).where(items.id == id))).scalar_one_or_none();
        EXPECT_EQ(name, std::optional<std::string>(std::get<1>(rows[id - 1]))) << id;
        ended.push_back("row " + std::to_string(id));
    };
    for (int i = 0; i < 5; ++i) readers.spawn(count_rows(0));
    // The readers run to their first co_await: their SELECTs are in flight.
    co_await boost::asio::post(co_await boost::asio::this_coro::executor, boost::asio::use_awaitable);
    std::vector<std::string> expected_order(5, "before");
    expected_order.push_back("copy");
    const bulk_options by_copy{.method = bulk_method::copy, .progress = [&](std::int64_t done, std::int64_t) {
                                   if (done % 20'000 != 0 || done == copy_row_count) return;
                                   const int id = int(done) - 7;
                                   readers.spawn(read_row(id));
                                   readers.spawn(count_rows(int(done)));
                                   expected_order.push_back("row " + std::to_string(id));
                                   expected_order.push_back("during " + std::to_string(done));
                               }};
    const std::int64_t inserted =
        co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows, by_copy);
    ended.push_back("copy");
    EXPECT_EQ(inserted, copy_row_count);
    co_await readers.wait();
    EXPECT_EQ(ended, expected_order);
    EXPECT_EQ(expected_order.size(), 6u + 8u);
}

// Two COPYs and reads sent together on one connection run in the order sent: each read sees
// the rows of the COPYs before it and none of those after.
inline boost::asio::awaitable<void> check_copies_and_reads_sent_together_run_in_order(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    const auto rows = rows_to_copy(20'000);
    const std::vector<copied_row> first(rows.begin(), rows.begin() + 10'000), second(rows.begin() + 10'000, rows.end());
    std::vector<std::string> ended;
    spawned_readers work(co_await boost::asio::this_coro::executor);
    const auto copy = [&](const std::vector<copied_row>& part, std::string name) -> boost::asio::awaitable<void> {
        EXPECT_EQ(co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), part, copy_options),
                  std::int64_t(part.size()));
        ended.push_back(std::move(name));
    };
    const auto count_rows = [&](std::int64_t expected) -> boost::asio::awaitable<void> {
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), expected);
        ended.push_back("count " + std::to_string(expected));
    };
    work.spawn(count_rows(0));
    work.spawn(copy(first, "first"));
    work.spawn(count_rows(10'000));
    work.spawn(copy(second, "second"));
    work.spawn(count_rows(20'000));
    co_await work.wait();
    EXPECT_EQ(ended, (std::vector<std::string>{"count 0", "first", "count 10000", "second", "count 20000"}));
    co_await expect_table_holds(engine, rows);
}

// Ids 1..10,000, the 5,001st row repeating id 1.
inline std::vector<copied_row> rows_to_copy_with_a_duplicate() {
    auto rows = rows_to_copy(10'000);
    std::get<0>(rows[5000]) = 1;
    return rows;
}

// A duplicate key in the COPY's data: integrity_error with the COPY's SQL, nothing loaded,
// the statement sent while it ran runs after it, and the connection goes on.
inline boost::asio::awaitable<void> check_copy_failing_row_outside_begin_leaves_no_row(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    spawned_readers readers(co_await boost::asio::this_coro::executor);
    std::optional<std::int64_t> queued_count;
    const auto count_queued = [&]() -> boost::asio::awaitable<void> {
        queued_count = (co_await conn.execute(select(count()).select_from(items))).scalar();
    };
    const bulk_options by_copy{.method = bulk_method::copy, .progress = [&](std::int64_t done, std::int64_t) {
                                   if (done == 2000) readers.spawn(count_queued());
                               }};
    const auto rows = rows_to_copy_with_a_duplicate();
    bool thrown = false;
    try {
        co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows, by_copy);
    } catch (const integrity_error& e) {
        thrown = true;
        EXPECT_EQ(e.sql(), "COPY \"async_items\" (\"id\", \"name\", \"worker\") FROM STDIN");
        EXPECT_EQ(e.code(), "23505");
    }
    EXPECT_TRUE(thrown);
    co_await readers.wait();
    EXPECT_EQ(queued_count, std::optional<std::int64_t>(0));
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 0);
    // The connection runs on, by COPY and by the pipeline.
    EXPECT_EQ(co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows_to_copy(3),
                                         copy_options),
              3);
    co_await conn.execute(insert(items).values(items.id = 50'000, items.name = "after"));
    co_await expect_table_holds(engine, [] {
        auto rows = rows_to_copy(3);
        rows.emplace_back(50'000, "after", std::nullopt);
        return rows;
    }());
}

// Inside begin() (the failing row: check_execute_many_failing_row_inside_begin_is_the_transactions):
// the rows are the transaction's, unseen elsewhere until it commits.
inline boost::asio::awaitable<void> check_copy_inside_begin_commits_with_the_transaction(async_engine& engine) {
    co_await recreate_items(engine);
    auto conn = co_await engine.connect();
    auto other = co_await engine.connect();
    co_await conn.begin();
    EXPECT_EQ(co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows_to_copy(1000),
                                         copy_options),
              1000);
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 1000);
    EXPECT_EQ((co_await other.execute(select(count()).select_from(items))).scalar(), 0);
    co_await conn.rollback();
    EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 0);
    co_await conn.begin();
    co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows_to_copy(10), copy_options);
    EXPECT_EQ((co_await other.execute(select(count()).select_from(items))).scalar(), 0);
    co_await conn.commit();
    co_await expect_table_holds(engine, rows_to_copy(10));
}

}  // namespace retort::test
