// The asynchronous engine on SQLite: sqlite3's work runs on the connection's thread and
// comes back to the event loop; the same statements and results as the synchronous engine.
#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <gtest/gtest.h>

#include "async_test_support.hpp"
#include "bulk_and_stream_checks.hpp"
#include "execute_events_checks.hpp"
#include "support/postgres.hpp"

namespace retort::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

TEST(async_sqlite, executes_the_synchronous_engines_statements_with_its_results) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("basic.db"));
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        auto inserted = co_await conn.execute(insert(items).values(items.name = "first", items.worker = 1));
        EXPECT_EQ(inserted.inserted_primary_key(), 1);
        co_await conn.execute(insert(items).values(items.name = "second", items.worker = 2));
        auto rows = (co_await conn.execute(select(items.name, items.worker).order_by(items.id))).all();
        EXPECT_EQ(rows.size(), 2u);
        if (rows.size() != 2u) co_return;
        EXPECT_EQ(rows[0].name, "first");
        EXPECT_EQ(rows[1].worker, 2);
        auto total = (co_await conn.execute(select(count()).select_from(items))).scalar();
        EXPECT_EQ(total, 2);
        auto none = (co_await conn.execute(select(items.name).where(items.id == 99))).first();
        EXPECT_FALSE(none);
        auto updated = co_await conn.execute(update(items).set(items.worker = 7).where(items.id == 1));
        EXPECT_EQ(updated.rowcount(), 1);
    }());
}

TEST(async_sqlite, an_error_is_thrown_at_the_co_await_with_its_sql_and_parameters) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("errors.db"));
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        co_await conn.execute(insert(items).values(items.id = 1, items.name = "one"));
        bool thrown = false;
        try {
            co_await conn.execute(insert(items).values(items.id = 1, items.name = "again"));
        } catch (const integrity_error& e) {
            thrown = true;
            EXPECT_NE(std::string(e.what()).find("INSERT INTO \"async_items\""), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("'again'"), std::string::npos) << e.what();
        }
        EXPECT_TRUE(thrown);
        // Nothing was left half done: the connection runs on.
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 1);
    }());
}

TEST(async_sqlite, one_and_one_or_none_name_their_sql_after_the_engine_is_gone) {
    // The rows are in memory; the message's SQL is the statement's compile-time text, or for a
    // text rendered at run time (dynamic_and) a copy the result keeps.
    using name_rows = buffered_result<decltype(select(items.name))::row_type>;
    std::optional<name_rows> none, two, two_dynamic;
    {
        asio::io_context io;
        auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("one.db"));
        run_on(io, [&]() -> asio::awaitable<void> {
            co_await recreate_items(engine);
            auto conn = co_await engine.connect();
            co_await conn.execute(insert(items).values(items.name = "a"));
            co_await conn.execute(insert(items).values(items.name = "b"));
            none.emplace(co_await conn.execute(select(items.name).where(items.id == 99)));
            two.emplace(co_await conn.execute(select(items.name)));
            auto filters = dynamic_and(items);
            filters.add(items.id > 0);
            two_dynamic.emplace(co_await conn.execute(select(items.name).where(filters)));
        }());
    }
    const auto message_of = [](auto&& call) {
        try {
            call();
        } catch (const retort::error& e) {
            return std::string(e.what());
        }
        return std::string("nothing thrown");
    };
    const std::string no_row = message_of([&] { none->one(); });
    EXPECT_NE(no_row.find("No row was found"), std::string::npos) << no_row;
    EXPECT_NE(no_row.find("[SQL: SELECT \"async_items\".\"name\" FROM \"async_items\" WHERE"), std::string::npos) << no_row;
    const std::string many = message_of([&] { two->one_or_none(); });
    EXPECT_NE(many.find("Multiple rows were found"), std::string::npos) << many;
    EXPECT_NE(many.find("[SQL: SELECT \"async_items\".\"name\" FROM \"async_items\"]"), std::string::npos) << many;
    auto moved = std::move(*two_dynamic);  // the copy of the run-time text moves with it
    two_dynamic.reset();
    const std::string many_dynamic = message_of([&] { moved.one(); });
    EXPECT_NE(many_dynamic.find("Multiple rows were found"), std::string::npos) << many_dynamic;
    EXPECT_NE(many_dynamic.find("WHERE (\"async_items\".\"id\" > ?)]"), std::string::npos) << many_dynamic;
}

TEST(async_sqlite, transaction_commits_on_return_and_rolls_back_on_throw) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("tx.db"));
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        co_await engine.transaction([](async_connection& conn) -> asio::awaitable<void> {
            co_await conn.execute(insert(items).values(items.name = "kept"));
        });
        bool thrown = false;
        try {
            co_await engine.transaction([](async_connection& conn) -> asio::awaitable<void> {
                co_await conn.execute(insert(items).values(items.name = "undone"));
                throw std::runtime_error("something failed after the INSERT");
            });
        } catch (const std::runtime_error&) {
            thrown = true;
        }
        EXPECT_TRUE(thrown);
        auto conn = co_await engine.connect();
        auto names = (co_await conn.execute(select(items.name))).scalars();
        EXPECT_EQ(names, std::vector<std::string>{"kept"});
        // begin() ... rollback() on a connection.
        co_await conn.begin();
        co_await conn.execute(insert(items).values(items.name = "rolled back"));
        co_await conn.rollback();
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 1);
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

asio::awaitable<void> writer(async_engine& engine, int worker, int rows) {
    for (int i = 0; i < rows; ++i) {
        // Writers of one file meet SQLite's lock: the transient error is retried.
        for (int attempt = 0;; ++attempt) {
            try {
                auto conn = co_await engine.connect();
                co_await conn.execute(
                    insert(items).values(items.name = "w" + std::to_string(worker) + "-" + std::to_string(i),
                                         items.worker = worker));
                break;
            } catch (const transient_error&) {
                if (attempt >= 50) throw;
            }
        }
    }
}

// Counting to 10^10 takes SQLite minutes: only an interrupt ends it within the tests' bounds.
constexpr const char* endless_count =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 10000000000) SELECT count(*) FROM c";

TEST(async_sqlite, a_statement_that_loses_a_race_with_a_timer_is_interrupted) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("interrupted.db"));
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        co_await conn.execute(insert(items).values(items.id = 1, items.name = "kept"));
        const auto started = std::chrono::steady_clock::now();
        asio::steady_timer timeout(io, 100ms);
        // A using-declaration: retort's own operator|| (SQL OR) would hide a using-directive's.
        using boost::asio::experimental::awaitable_operators::operator||;
        auto which = co_await (conn.exec_driver_sql(endless_count) || timeout.async_wait(asio::use_awaitable));
        EXPECT_EQ(which.index(), 1u);
        EXPECT_LT(std::chrono::steady_clock::now() - started, 60s);  // a bound, not a measure
        // The connection is usable right after, and nothing was lost.
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 1);
    }());
}

// Cancellations at every point of a statement's hand-off (queued, taken by the thread but not
// started, starting, running): each stops it. One that came just as the statement started used
// to be lost (SQLite clears its interrupt flag then), and the count ran to its end, seconds.
TEST(async_sqlite, a_cancellation_stops_the_statement_wherever_it_finds_it) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("cancelled_anywhere.db"));
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        constexpr const char* long_count =
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100000000) SELECT count(*) FROM c";
        using boost::asio::experimental::awaitable_operators::operator||;
        for (int i = 0; i < 200; ++i) {
            const auto started = std::chrono::steady_clock::now();
            asio::steady_timer timer(io, std::chrono::microseconds(i % 40 * 5));
            auto which = co_await (conn.exec_driver_sql(long_count) || timer.async_wait(asio::use_awaitable));
            EXPECT_EQ(which.index(), 1u) << "attempt " << i;
            // Stopped, the statement ends within milliseconds; run to its end, seconds.
            EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms) << "attempt " << i;
        }
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 0);
    }());
}

TEST(async_sqlite, the_engines_statement_timeout_stops_a_long_statement) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("statement_timeout.db"),
                                      {.statement_timeout = 0.2});
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        const auto error = co_await thrown_message<statement_timeout_error>(conn.exec_driver_sql(endless_count));
        EXPECT_NE(error.find("WITH RECURSIVE c(x)"), std::string::npos) << error;
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 0);
    }());
}

TEST(async_sqlite, with_timeout_stops_a_statement_that_runs_past_its_own_timeout) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("with_timeout.db"));
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        const auto error =
            co_await thrown_message<statement_timeout_error>(conn.execute(with_timeout(text_clause(endless_count), 200ms)));
        EXPECT_NE(error.find("ran longer than 200 ms"), std::string::npos) << error;
        EXPECT_NE(error.find("WITH RECURSIVE c(x)"), std::string::npos) << error;
        // Within its timeout a statement completes; the engine's timeout (none) applies again.
        auto counted = co_await conn.execute(with_timeout(select(count()).select_from(items), 30s));
        EXPECT_EQ(counted.scalar(), 0);
    }());
}

TEST(async_sqlite, a_cancelled_statement_throws_query_canceled_with_its_sql) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("cancelled.db"));
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        conn.emplace(co_await engine.connect());
    }());
    asio::cancellation_signal cancel;
    std::string error;
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { co_await conn->exec_driver_sql(endless_count); },
        asio::bind_cancellation_slot(cancel.slot(), record_ending<query_canceled>(error)));
    // Cancelled while it runs or while it waits for its turn: query_canceled either way.
    asio::steady_timer later(io, 100ms);
    later.async_wait([&](boost::system::error_code) { cancel.emit(asio::cancellation_type::terminal); });
    io.run();
    EXPECT_NE(error.find("WITH RECURSIVE c(x)"), std::string::npos) << error;
    io.restart();
    run_on(io, [&]() -> asio::awaitable<void> {
        EXPECT_EQ((co_await conn->execute(select(count()).select_from(items))).scalar(), 0);
        conn.reset();
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_sqlite, a_statement_cancelled_while_it_waits_for_its_turn_is_not_run) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("cancelled_queued.db"));
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        conn.emplace(co_await engine.connect());
    }());
    // The first holds the connection's thread until the second has been cancelled.
    asio::cancellation_signal hold_cancel, queued_cancel;
    std::string held, queued;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> { co_await conn->exec_driver_sql(endless_count); },
                   asio::bind_cancellation_slot(hold_cancel.slot(), record_ending<query_canceled>(held)));
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await conn->execute(insert(items).values(items.id = 7, items.name = "never"));
        },
        asio::bind_cancellation_slot(queued_cancel.slot(), record_ending<query_canceled>(queued)));
    asio::steady_timer later(io, 100ms);
    later.async_wait([&](boost::system::error_code) {
        queued_cancel.emit(asio::cancellation_type::terminal);
        hold_cancel.emit(asio::cancellation_type::terminal);
    });
    io.run();
    EXPECT_NE(queued.find("cancelled before it ran"), std::string::npos) << queued;
    EXPECT_NE(queued.find("INSERT INTO \"async_items\""), std::string::npos) << queued;
    EXPECT_NE(queued.find("'never'"), std::string::npos) << queued;
    EXPECT_NE(held.find("interrupt"), std::string::npos) << held;
    io.restart();
    run_on(io, [&]() -> asio::awaitable<void> {
        EXPECT_EQ((co_await conn->execute(select(count()).select_from(items))).scalar(), 0);
        conn.reset();
    }());
}

TEST(async_sqlite, many_coroutines_writing_lose_no_row) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("writers.db"),
                                      {.pool_size = 4, .max_overflow = 0, .pool_timeout = 60});
    constexpr int writers = 100, rows_each = 10;
    run_on(io, recreate_items(engine));
    for (int w = 0; w < writers; ++w)
        asio::co_spawn(io, writer(engine, w, rows_each), [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
        });
    io.run();
    io.restart();
    run_on(io, [&]() -> asio::awaitable<void> {
        auto conn = co_await engine.connect();
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), writers * rows_each);
        auto per_worker = (co_await conn.execute(select(items.worker, count()).group_by(items.worker))).all();
        EXPECT_EQ(per_worker.size(), std::size_t(writers));
        for (const auto& row : per_worker) EXPECT_EQ(row.template get<1>(), rows_each);
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_sqlite, in_memory_a_second_checkout_waits_then_times_out_with_pool_timeout) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite://", {.pool_timeout = 0.2});
    run_on(io, [&]() -> asio::awaitable<void> {
        auto held = co_await engine.connect();
        bool timed_out = false;
        try {
            auto second = co_await engine.connect();
        } catch (const pool_timeout& e) {
            timed_out = true;
            EXPECT_NE(std::string(e.what()).find("QueuePool limit of size 1 overflow 0 reached"), std::string::npos)
                << e.what();
        }
        EXPECT_TRUE(timed_out);
        held.close();
        auto third = co_await engine.connect();  // free again
        co_await third.exec_driver_sql("SELECT 1");
    }());
}

TEST(async_sqlite, a_waiting_checkout_gets_the_connection_returned_first_in_first_out) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite://", {.pool_timeout = 30});
    std::vector<int> order;
    run_on(io, [&]() -> asio::awaitable<void> {
        auto held = co_await engine.connect();
        for (int i = 0; i < 3; ++i)
            asio::co_spawn(
                io,
                [&, i]() -> asio::awaitable<void> {
                    auto conn = co_await engine.connect();
                    order.push_back(i);
                    co_await conn.exec_driver_sql("SELECT 1");
                },
                asio::detached);
        co_await asio::post(io, asio::use_awaitable);  // let the three queue up
        held.close();
    }());
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
}

TEST(async_sqlite, execute_many_inserts_10000_rows_in_batches_then_updates_them) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("execute_many_inserts_10000_rows_in_batch.db"));
    run_on(io, check_execute_many_inserts_then_updates(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_sqlite, execute_many_with_a_failing_row_outside_begin_leaves_no_row) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("execute_many_with_a_failing_row_outside_.db"));
    run_on(io, check_execute_many_failing_row_outside_begin_leaves_no_row(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_sqlite, execute_many_with_a_failing_row_inside_begin_undoes_its_own_rows_only) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("execute_many_with_a_failing_row_inside_b.db"));
    run_on(io, check_execute_many_failing_row_inside_begin_is_the_transactions(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_sqlite, stream_results_gives_10000_rows_in_order_in_batches_of_1000) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("stream_results_gives_10000_rows_in_order.db"));
    run_on(io, check_stream_reads_in_order_batch_by_batch(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_sqlite, a_stream_broken_off_early_leaves_the_connection_usable) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("a_stream_broken_off_early_leaves_the_con.db"));
    run_on(io, check_stream_broken_off_early_frees_the_connection(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_sqlite, an_error_mid_stream_is_thrown_at_the_co_await) {
    asio::io_context io;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("an_error_mid_stream_is_thrown_at_the_co_.db"));
    run_on(io, check_stream_error_mid_stream_surfaces_at_the_co_await(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_sqlite, echoes_and_reports_each_execution_to_the_execute_listeners) {
    asio::io_context io;
    execute_recorder seen;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("events.db"), seen.options());
    run_on(io, check_execute_events(engine, seen));
    EXPECT_TRUE(seen.echoed("SELECT"));
    EXPECT_TRUE(seen.echoed("[executed in "));
    EXPECT_TRUE(seen.echoed("(7)"));
    EXPECT_TRUE(seen.echoed("[failed after "));
}

TEST(async_sqlite, execute_many_reports_each_batch_and_a_stream_its_statement) {
    asio::io_context io;
    execute_recorder seen;
    auto engine = create_async_engine(io, "sqlite:///" + temp_sqlite_path("bulk_events.db"), seen.options());
    run_on(io, check_bulk_and_stream_events(engine, seen));
}

}  // namespace
}  // namespace retort::test
