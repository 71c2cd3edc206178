// The asynchronous engine on a real PostgreSQL: non-blocking libpq on one event-loop thread,
// a pool of coroutines' connections, pipelining, cancellation, pool_timeout.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <gtest/gtest.h>

#include "async_test_support.hpp"
#include "bulk_and_stream_checks.hpp"
#include "copy_checks.hpp"
#include "execute_events_checks.hpp"
#include "support/cancel_holding_proxy.hpp"
#include "support/postgres.hpp"
#include "support/standby_servers.hpp"

namespace retort::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

struct activity_table : table<activity_table, "pg_stat_activity"> {
    RETORT_COLUMN(query, text);
    RETORT_COLUMN(state, text);
};
inline constexpr activity_table activity;

struct activity_by_pid_table : table<activity_by_pid_table, "pg_stat_activity"> {
    RETORT_COLUMN(pid, integer);
    RETORT_COLUMN(query, text);
    RETORT_COLUMN(state, text);
};
inline constexpr activity_by_pid_table activity_by_pid;

// Sessions of the server running a statement whose text contains `marker`.
std::int64_t running(connection& conn, const std::string& marker) {
    auto n = conn.execute(select(count())
                              .select_from(activity)
                              .where(activity.state == "active" && activity.query.like("%" + marker + "%") &&
                                     !activity.query.like("%pg_stat_activity%")))
                 .scalar_one();
    conn.commit();
    return n;
}

TEST(async_postgresql, executes_the_synchronous_engines_statements_with_its_results) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        auto inserted = co_await conn.execute(insert(items).values(items.id = 1, items.name = "first", items.worker = 1));
        EXPECT_EQ(inserted.rowcount(), 1);
        co_await conn.execute(insert(items).values(items.id = 2, items.name = "second"));
        auto rows = (co_await conn.execute(select(items.name, items.worker).order_by(items.id))).all();
        EXPECT_EQ(rows.size(), 2u);
        if (rows.size() != 2u) co_return;
        EXPECT_EQ(rows[0].name, "first");
        EXPECT_EQ(rows[0].worker, 1);
        EXPECT_FALSE(rows[1].worker);
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), 2);
        EXPECT_FALSE((co_await conn.execute(select(items.name).where(items.id == 99))).first());
        auto removed = co_await conn.execute(delete_from(items).where(items.id == 2));
        EXPECT_EQ(removed.rowcount(), 1);
        bool thrown = false;
        try {
            co_await conn.execute(insert(items).values(items.id = 1, items.name = "again"));
        } catch (const unique_violation& e) {
            thrown = true;
            EXPECT_NE(std::string(e.what()).find("'again'"), std::string::npos) << e.what();
        }
        EXPECT_TRUE(thrown);
        // A transaction: rolled back, then committed.
        co_await conn.begin();
        co_await conn.execute(insert(items).values(items.id = 3, items.name = "undone"));
        co_await conn.rollback();
        co_await conn.begin();
        co_await conn.execute(insert(items).values(items.id = 4, items.name = "kept"));
        co_await conn.commit();
        auto ids = (co_await conn.execute(select(items.id).order_by(items.id))).scalars();
        EXPECT_EQ(ids, (std::vector<int>{1, 4}));
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, a_thousand_coroutines_share_a_pool_of_ten_and_the_server_sees_them_at_once) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;  // one thread: this one
    auto engine = create_async_engine(io, url, {.pool_size = 10, .max_overflow = 0, .pool_timeout = 120});
    const std::string marker = "pg_sleep(0.05) /* async_pool_load */";
    // The server's view, sampled from another thread through the synchronous engine.
    std::atomic<bool> done{false};
    std::atomic<std::int64_t> most{0};
    std::thread observer([&] {
        auto sync = create_engine(url);
        auto conn = sync.connect();
        for (int i = 0; i < 100000 && !done.load(); ++i) {
            const auto n = running(conn, marker);
            if (n > most.load()) most = n;
            std::this_thread::sleep_for(2ms);  // a sampling interval, not a synchronisation
        }
    });
    constexpr int tasks = 1000;
    int finished = 0;
    for (int i = 0; i < tasks; ++i)
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                auto conn = co_await engine.connect();
                co_await conn.exec_driver_sql("SELECT " + marker);
                ++finished;
            },
            [](std::exception_ptr e) {
                if (e) std::rethrow_exception(e);
            });
    io.run();
    done = true;
    observer.join();
    EXPECT_EQ(finished, tasks);
    EXPECT_GE(most.load(), 8) << "the server never saw 8 of the pool's connections busy at once";
    const pool_status s = engine.status();
    EXPECT_EQ(s.checked_out, 0);
    EXPECT_LE(s.idle, 10);
}

TEST(async_postgresql, a_thousand_pipelined_statements_on_one_connection_each_get_their_own_result) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0});
    run_on(io, recreate_items(engine));
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> { conn.emplace(co_await engine.connect()); }());
    constexpr int statements = 1000, failing = 500;
    std::vector<std::optional<int>> ids(statements);
    std::vector<std::string> errors(statements);
    // One event-loop turn issues them all: 1,000 leave at once (the bound is 1,024).
    for (int i = 0; i < statements; ++i)
        asio::co_spawn(
            io,
            [&, i]() -> asio::awaitable<void> {
                try {
                    // Number `failing` repeats the key the one before it inserted; every other
                    // inserts its own row and reads it back.
                    if (i == failing)
                        co_await conn->execute(insert(items).values(items.id = i - 1, items.name = "duplicate"));
                    else
                        co_await conn->execute(insert(items).values(items.id = i, items.name = "row" + std::to_string(i)));
                    auto row = (co_await conn->execute(select(items.id, items.name).where(items.id == i))).one();
                    EXPECT_EQ(row.name, "row" + std::to_string(i));
                    ids[i] = row.id;
                } catch (const retort::error& e) {
                    errors[i] = e.what();
                }
            },
            asio::detached);
    io.run();
    io.restart();
    for (int i = 0; i < statements; ++i) {
        if (i == failing) {
            EXPECT_NE(errors[i].find("duplicate key value violates unique constraint"), std::string::npos) << errors[i];
            EXPECT_FALSE(ids[i]);
        } else {
            EXPECT_EQ(ids[i], i) << errors[i];
        }
    }
    run_on(io, [&]() -> asio::awaitable<void> {
        EXPECT_EQ((co_await conn->execute(select(count()).select_from(items))).scalar(), statements - 1);
        conn.reset();
    }());
}

TEST(async_postgresql, reads_sent_together_share_a_sync_and_a_failing_one_fails_alone) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0});
    run_on(io, recreate_items(engine));
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> {
        conn.emplace(co_await engine.connect());
        co_await conn->begin();
        for (int i = 0; i < 10; ++i) co_await conn->execute(insert(items).values(items.id = i, items.name = "r" + std::to_string(i)));
        co_await conn->commit();
    }());
    // Read 0 carries the statement's Parse, and it and read 500 divide by zero: the server
    // skips the reads behind each, up to their shared Sync, and retort sends those again.
    constexpr int reads = 1000;
    const auto fails = [](int i) { return i == 0 || i == 500; };
    std::vector<std::optional<std::int64_t>> got(reads);
    std::vector<std::string> errors(reads);
    for (int i = 0; i < reads; ++i)
        asio::co_spawn(
            io,
            [&, i]() -> asio::awaitable<void> {
                try {
                    const int divisor = fails(i) ? 0 : 1;
                    got[i] = (co_await conn->execute(select(count()).select_from(items).where(items.id / divisor < i % 10)))
                                 .scalar_one();
                } catch (const retort::error& e) {
                    errors[i] = e.what();
                }
            },
            asio::detached);
    io.run();
    io.restart();
    for (int i = 0; i < reads; ++i) {
        if (fails(i)) {
            EXPECT_NE(errors[i].find("division by zero"), std::string::npos) << i << ": " << errors[i];
            EXPECT_FALSE(got[i]);
        } else {
            EXPECT_EQ(got[i], i % 10) << i << ": " << errors[i];
        }
    }
    // One Sync, one implicit transaction: the reads of one turn see one transaction start
    // (all but the first: it found the connection idle and left at once with its own Sync).
    std::vector<std::optional<std::string>> now(50);
    for (std::size_t i = 0; i < now.size(); ++i)
        asio::co_spawn(
            io,
            [&, i]() -> asio::awaitable<void> {
                now[i] = (co_await conn->execute(select(cast<text>(current_timestamp)))).scalar();
            },
            asio::detached);
    io.run();
    io.restart();
    ASSERT_TRUE(now[1]);
    for (std::size_t i = 1; i < now.size(); ++i) EXPECT_EQ(now[i], now[1]);
    // A write does not join them: it is its own transaction, committed alone.
    run_on(io, [&]() -> asio::awaitable<void> {
        EXPECT_EQ((co_await conn->execute(select(count()).select_from(items))).scalar(), 10);
        conn.reset();
    }());
}

TEST(async_postgresql, a_read_of_a_group_is_woken_when_its_rows_come_not_at_the_groups_sync) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 2, .max_overflow = 0});
    run_on(io, recreate_items(engine));
    std::optional<async_connection> conn, holder;
    // The holder keeps the table locked: a read of it waits on the server.
    run_on(io, [&]() -> asio::awaitable<void> {
        conn.emplace(co_await engine.connect());
        holder.emplace(co_await engine.connect());
        co_await holder->begin();
    }());
    // One turn: the first read leaves alone (nothing in flight); the three behind it form one
    // group and share one Sync, which the server answers only after the blocked read.
    bool first_of_group_done = false, blocked_done = false;
    std::optional<std::int64_t> count_read;
    const auto first = [&]() -> asio::awaitable<void> { co_await conn->execute(select(cast<text>(current_timestamp))); };
    const auto first_of_group = [&]() -> asio::awaitable<void> {
        EXPECT_EQ((co_await conn->execute(select(func<"abs", integer>(-7)))).scalar(), 7);
        first_of_group_done = true;
    };
    // 100 kB in one row: the server flushes what it had buffered (the read before it) at once.
    const auto large = [&]() -> asio::awaitable<void> {
        co_await conn->execute(select(func<"repeat", text>(std::string("x"), cast<integer>(100000))));
    };
    const auto blocked = [&]() -> asio::awaitable<void> {
        count_read = (co_await conn->execute(select(count()).select_from(items))).scalar();
        blocked_done = true;
    };
    // Each prepared beforehand: a statement's first execution carries its Parse, which opens a
    // group of its own.
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await first();
        co_await first_of_group();
        co_await large();
        co_await blocked();
    }());
    first_of_group_done = blocked_done = false;
    run_on(io, [&]() -> asio::awaitable<void> { co_await holder->exec_driver_sql("LOCK TABLE async_items IN ACCESS EXCLUSIVE MODE"); }());
    asio::co_spawn(io, first(), asio::detached);
    asio::co_spawn(io, first_of_group(), asio::detached);
    asio::co_spawn(io, large(), asio::detached);
    asio::co_spawn(io, blocked(), asio::detached);
    const auto give_up = std::chrono::steady_clock::now() + 30s;  // a bound for a broken build, not a wait
    while (!first_of_group_done && std::chrono::steady_clock::now() < give_up) io.run_one_for(100ms);
    EXPECT_TRUE(first_of_group_done);
    EXPECT_FALSE(blocked_done);
    // The lock goes: the blocked read ends, and its group's Sync comes back.
    asio::co_spawn(io, [&]() -> asio::awaitable<void> { co_await holder->commit(); }, asio::detached);
    io.run();
    io.restart();
    EXPECT_TRUE(blocked_done);
    EXPECT_EQ(count_read, 0);
    holder.reset();
    conn.reset();
}

TEST(async_postgresql, a_cancelled_coroutine_cancels_its_statement_and_the_connection_runs_on) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0});
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> { conn.emplace(co_await engine.connect()); }());
    const std::string marker = "pg_sleep(60) /* async_cancel */";
    asio::cancellation_signal cancel;
    std::string error;
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { co_await conn->exec_driver_sql("SELECT " + marker); },
        asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
            try {
                if (e) std::rethrow_exception(e);
            } catch (const query_canceled& q) {
                error = q.what();
            }
        }));
    // Cancel once the server runs it (observed, not guessed).
    std::thread observer([&] {
        auto sync = create_engine(url);
        auto c = sync.connect();
        for (int i = 0; i < 20000 && running(c, marker) == 0; ++i) std::this_thread::sleep_for(1ms);
        asio::post(io, [&] { cancel.emit(asio::cancellation_type::terminal); });
    });
    auto guard = asio::make_work_guard(io);
    std::thread releaser;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> { co_return; }, asio::detached);
    // Run until the statement ends (the observer's post keeps io busy until then).
    while (error.empty() && io.run_one_for(30s) > 0) {
    }
    guard.reset();
    observer.join();
    EXPECT_NE(error.find("canceling statement due to user request"), std::string::npos) << error;
    io.restart();
    run_on(io, [&]() -> asio::awaitable<void> {
        EXPECT_EQ((co_await conn->execute(select(count()).select_from(activity))).scalar() > 0, true);
        conn.reset();
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

// libpq's cancel reaches whatever the server runs when it arrives. Here a read is cancelled
// while the statement before it waits; by the time its cancel is sent (once the reader reaches
// it) the server has answered it and runs the statement behind it, which the cancel stops.
struct stray_cancel_outcome {
    std::string cancelled_ending;  // the cancelled read's
    std::string third_ending;      // the stopped statement's: "completed", or its error
    std::optional<std::int64_t> run_number;
};

stray_cancel_outcome cancel_reaching_the_statement_behind(const std::string& url, bool in_transaction) {
    constexpr std::int64_t lock_key = 730514;
    auto sync = create_engine(url);
    auto observer = sync.connect();
    observer.execute(select(func<"pg_advisory_lock", text>(lock_key))).all();  // for the session
    observer.commit();
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0});
    std::optional<async_connection> conn;
    int pid = 0;
    run_on(io, [&]() -> asio::awaitable<void> {
        conn.emplace(co_await engine.connect());
        pid = (co_await conn->execute(select(func<"pg_backend_pid", integer>()))).scalar_one().value();
        co_await conn->exec_driver_sql("CREATE TEMP SEQUENCE stray_cancel_runs");
        if (in_transaction) co_await conn->begin();
    }());
    asio::cancellation_signal cancel;
    std::string waiting_ending;
    stray_cancel_outcome out;
    // Waits on the server for the observer's lock: nothing comes back until it is released.
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await conn->execute(select(func<"pg_advisory_xact_lock_shared", text>(lock_key)));
        },
        record_ending<query_canceled>(waiting_ending));
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { co_await conn->execute(select(func<"abs", integer>(-2))); },
        asio::bind_cancellation_slot(cancel.slot(), record_ending<query_canceled>(out.cancelled_ending)));
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            // nextval before pg_sleep: each run of the statement takes a number.
            auto row = (co_await conn->execute(
                            select(func<"nextval", bigint>(std::string("stray_cancel_runs")).as<"run">(),
                                   func<"pg_sleep", text>(1.0))))
                           .one();
            out.run_number = row.get<"run">();
        },
        record_ending<query_canceled>(out.third_ending));
    while (io.poll() > 0) {
    }
    EXPECT_TRUE(waiting_ending.empty());
    // Not the statement the server runs (the first one is): its cancel waits for its turn.
    cancel.emit(asio::cancellation_type::terminal);
    while (io.poll() > 0) {
    }
    observer.execute(select(func<"pg_advisory_unlock", text>(lock_key))).all();
    observer.commit();
    // The server has answered the first two and runs the third.
    const auto third_runs = [&] {
        auto n = observer
                     .execute(select(count())
                                  .select_from(activity_by_pid)
                                  .where(activity_by_pid.pid == pid && activity_by_pid.state == "active" &&
                                         activity_by_pid.query.like("%pg_sleep%")))
                     .scalar_one();
        observer.commit();
        return n > 0;
    };
    for (int i = 0; i < 20000 && !third_runs(); ++i) std::this_thread::sleep_for(1ms);
    EXPECT_TRUE(third_runs());
    io.run();  // the reader reaches the cancelled read, and sends its cancel
    io.restart();
    EXPECT_EQ(waiting_ending, "completed");
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await conn->rollback();
        EXPECT_EQ((co_await conn->execute(select(func<"abs", integer>(-7)))).scalar(), 7);
        conn.reset();
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
    return out;
}

// Its own transaction: sent again, and its caller sees only its result.
TEST(async_postgresql, a_cancel_that_reaches_the_statement_behind_its_own_sends_that_one_again) {
    RETORT_REQUIRE_POSTGRES(url);
    const auto out = cancel_reaching_the_statement_behind(url, false);
    EXPECT_FALSE(out.cancelled_ending.empty());  // its rows, or the cancellation: either is right
    EXPECT_EQ(out.third_ending, "completed");
    EXPECT_EQ(out.run_number, std::optional<std::int64_t>(2));  // the stopped run took 1
}

// In a transaction the cancel aborted the transaction: the statement is not sent again.
TEST(async_postgresql, a_cancel_that_reaches_the_statement_behind_its_own_in_a_transaction_fails_that_one) {
    RETORT_REQUIRE_POSTGRES(url);
    const auto out = cancel_reaching_the_statement_behind(url, true);
    EXPECT_NE(out.third_ending.find("canceling statement due to user request"), std::string::npos) << out.third_ending;
    EXPECT_FALSE(out.run_number);
}

// At most pipeline_depth statements (1,024 by default) wait for their results; one sent past
// them waits in the client and, cancelled there, is never sent: the statements behind it run.
void cancel_a_statement_waiting_behind_the_pipeline(const std::string& url, engine_options options) {
    const int depth = options.pipeline_depth;
    constexpr std::int64_t lock_key = 730515;
    auto sync = create_engine(url);
    auto observer = sync.connect();
    observer.execute(select(func<"pg_advisory_lock", text>(lock_key))).all();
    observer.commit();
    asio::io_context io;
    options.pool_size = 1;
    options.max_overflow = 0;
    auto engine = create_async_engine(io, url, options);
    run_on(io, recreate_items(engine));
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> { conn.emplace(co_await engine.connect()); }());
    // The first waits on the server for the lock; depth - 1 reads fill the pipeline behind it.
    int answered = 0;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await conn->execute(select(func<"pg_advisory_xact_lock_shared", text>(lock_key)));
            ++answered;
        },
        asio::detached);
    for (int i = 1; i < depth; ++i)
        asio::co_spawn(
            io,
            [&, i]() -> asio::awaitable<void> {
                EXPECT_EQ((co_await conn->execute(select(func<"abs", integer>(-i)))).scalar(), i);
                ++answered;
            },
            asio::detached);
    asio::cancellation_signal cancel;
    std::string cancelled_ending, behind_ending;
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { co_await conn->execute(insert(items).values(items.id = 1, items.name = "never")); },
        asio::bind_cancellation_slot(cancel.slot(), record_ending<query_canceled>(cancelled_ending)));
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { co_await conn->execute(insert(items).values(items.id = 2, items.name = "behind")); },
        record_ending<query_canceled>(behind_ending));
    while (io.poll() > 0) {
    }
    ASSERT_EQ(answered, 0);
    cancel.emit(asio::cancellation_type::terminal);
    while (io.poll() > 0) {
    }
    EXPECT_NE(cancelled_ending.find("cancelled before it was sent"), std::string::npos) << cancelled_ending;
    EXPECT_NE(cancelled_ending.find("INSERT INTO"), std::string::npos) << cancelled_ending;
    EXPECT_TRUE(behind_ending.empty());
    observer.execute(select(func<"pg_advisory_unlock", text>(lock_key))).all();
    observer.commit();
    io.run();
    io.restart();
    EXPECT_EQ(answered, depth);
    EXPECT_EQ(behind_ending, "completed");
    run_on(io, [&]() -> asio::awaitable<void> {
        const auto ids = (co_await conn->execute(select(items.id).order_by(items.id))).scalars();
        EXPECT_EQ(ids, std::vector<int>{2});
        conn.reset();
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, a_statement_cancelled_while_it_waits_to_be_sent_is_never_sent) {
    RETORT_REQUIRE_POSTGRES(url);
    cancel_a_statement_waiting_behind_the_pipeline(url, {});
}

// engine_options::pipeline_depth sets the bound: with 4, the fifth statement waits in the client.
TEST(async_postgresql, the_pipeline_depth_is_the_engines_option) {
    RETORT_REQUIRE_POSTGRES(url);
    cancel_a_statement_waiting_behind_the_pipeline(url, {.pipeline_depth = 4});
}

TEST(async_postgresql, the_engines_statement_timeout_stops_a_long_statement) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.statement_timeout = 0.2});
    run_on(io, [&]() -> asio::awaitable<void> {
        auto conn = co_await engine.connect();
        const auto error = co_await thrown_message<statement_timeout_error>(conn.exec_driver_sql("SELECT pg_sleep(60)"));
        EXPECT_NE(error.find("statement timeout"), std::string::npos) << error;
        EXPECT_NE(error.find("pg_sleep(60)"), std::string::npos) << error;
        // The connection is usable right after.
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(activity))).scalar() > 0, true);
    }());
}

TEST(async_postgresql, with_timeout_cancels_a_statement_that_runs_past_its_own_timeout) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, [&]() -> asio::awaitable<void> {
        auto conn = co_await engine.connect();
        const auto error = co_await thrown_message<statement_timeout_error>(
            conn.execute(with_timeout(select(func<"pg_sleep", text>(60.0)), 300ms)));
        EXPECT_NE(error.find("ran longer than 300 ms"), std::string::npos) << error;
        EXPECT_NE(error.find("pg_sleep"), std::string::npos) << error;
        // A statement within its timeout completes; the connection is usable after.
        auto fast = co_await conn.execute(with_timeout(select(count()).select_from(activity), 30s));
        EXPECT_GT(fast.scalar(), 0);
    }());
}

// The server signals the backend twice for one cancel (the process and its group): the second
// signal could stop the statement sent right after the cancelled one, seen now and then on a
// loaded machine. Nothing new is sent until the cancel's round trip is over.
TEST(async_postgresql, the_statement_sent_right_after_a_cancelled_one_runs) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0});
    run_on(io, [&]() -> asio::awaitable<void> {
        auto conn = co_await engine.connect();
        for (int i = 0; i < 20; ++i) {
            const auto error = co_await thrown_message<statement_timeout_error>(
                conn.execute(with_timeout(select(func<"pg_sleep", text>(60.0)), 5ms)));
            EXPECT_NE(error.find("ran longer than 5 ms"), std::string::npos) << error;
            EXPECT_EQ((co_await conn.execute(select(func<"abs", integer>(-i)))).scalar(), i) << "attempt " << i;
        }
    }());
}

TEST(async_postgresql, a_statement_that_loses_a_race_with_a_timer_is_cancelled) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, [&]() -> asio::awaitable<void> {
        auto conn = co_await engine.connect();
        asio::steady_timer timeout(io, 200ms);
        // A using-declaration: retort's own operator|| (SQL OR) would hide a using-directive's.
        using boost::asio::experimental::awaitable_operators::operator||;
        auto which = co_await (conn.exec_driver_sql("SELECT pg_sleep(60)") || timeout.async_wait(asio::use_awaitable));
        EXPECT_EQ(which.index(), 1u);
        // The connection is usable right after.
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(activity))).scalar() > 0, true);
    }());
}

TEST(async_postgresql, pool_timeout_is_the_synchronous_pools_exception) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0, .pool_timeout = 0.2});
    run_on(io, [&]() -> asio::awaitable<void> {
        auto held = co_await engine.connect();
        bool timed_out = false;
        try {
            auto second = co_await engine.connect();
        } catch (const pool_timeout& e) {
            timed_out = true;
            EXPECT_NE(std::string(e.what()).find("QueuePool limit of size 1 overflow 0 reached, connection timed out, "
                                                 "timeout 0.20"),
                      std::string::npos)
                << e.what();
        }
        EXPECT_TRUE(timed_out);
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

// PgBouncer in transaction mode gives the server back to its pool at a ReadyForQuery that
// leaves it idle once it has seen no other Sync from the client: a big group of reads, which
// reaches PgBouncer in pieces (its buffer is 4 KiB), is still arriving when the read sent
// before it is answered, and the group's answers then come from a server PgBouncer no longer
// links to this client (it closes the connection). The group waits for that answer.
TEST(async_postgresql, a_group_of_reads_issued_behind_another_through_pgbouncer_waits_for_its_sync) {
    RETORT_REQUIRE_POSTGRES(url);
    RETORT_REQUIRE_STANDBY(bouncer, "RETORT_TEST_PGBOUNCER_URL");
    asio::io_context io;
    auto engine = create_async_engine(io, url_with_option(bouncer, "prepared_statements=false"),
                                      {.pool_size = 1, .max_overflow = 0});
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> { conn.emplace(co_await engine.connect()); }());
    std::vector<std::string> errors;
    // The first read leaves alone with its Sync; the others, issued in the same turn, follow it
    // as one group of some 60 KiB.
    constexpr int reads = 1000;
    for (int round = 0; round < 20; ++round) {  // the race it guards against is a matter of timing
        std::vector<std::optional<int>> read(reads);
        for (int i = 0; i < reads; ++i)
            asio::co_spawn(
                io,
                [&, i]() -> asio::awaitable<void> {
                    try {
                        read[i] = (co_await conn->execute(select(func<"abs", integer>(-i)))).scalar();
                    } catch (const std::exception& e) {
                        errors.emplace_back(e.what());
                    }
                },
                asio::detached);
        io.run();
        io.restart();
        ASSERT_TRUE(errors.empty()) << "round " << round << ": " << errors.size()
                                    << " failed, the first: " << errors.front();
        for (int i = 0; i < reads; ++i) EXPECT_EQ(read[i], i) << "read " << i;
    }
    conn.reset();
}

// Through PgBouncer in transaction pooling mode (?prepared_statements=false): statements run
// unnamed, so whichever server connection a transaction lands on has what it needs. Pipelined
// statements on one connection and many connections through a pool smaller than theirs.
TEST(async_postgresql, runs_through_pgbouncer_transaction_pooling_without_named_statements) {
    RETORT_REQUIRE_POSTGRES(url);
    RETORT_REQUIRE_STANDBY(bouncer, "RETORT_TEST_PGBOUNCER_URL");
    asio::io_context io;
    auto engine = create_async_engine(io, url_with_option(bouncer, "prepared_statements=false"),
                                      {.pool_size = 8, .max_overflow = 0, .pool_timeout = 120});
    run_on(io, recreate_items(engine));
    std::vector<std::string> errors;
    // Runs body(0) ... body(n - 1) as n coroutines on `io` to their end, collecting what they throw.
    auto run_concurrently = [&](int n, auto body) {
        for (int k = 0; k < n; ++k)
            asio::co_spawn(
                io,
                [&errors, body, k]() -> asio::awaitable<void> {
                    try {
                        co_await body(k);
                    } catch (const std::exception& e) {
                        errors.emplace_back(e.what());
                    }
                },
                asio::detached);
        io.run();
        io.restart();
        EXPECT_TRUE(errors.empty()) << errors.size() << " failed, the first: " << errors.front();
    };
    constexpr int workers = 40, per_worker = 10;
    run_concurrently(workers, [&](int w) -> asio::awaitable<void> {
        for (int i = 0; i < per_worker; ++i) {
            auto conn = co_await engine.connect();
            const int id = w * 1000 + i;
            co_await conn.begin();
            co_await conn.execute(insert(items).values(items.id = id, items.name = "row", items.worker = w));
            co_await conn.execute(update(items).set(items.name = "updated").where(items.id == id));
            auto name = (co_await conn.execute(select(items.name).where(items.id == id))).scalar();
            if (name != "updated") errors.push_back("row " + std::to_string(id) + " reads " + name.value_or("no row"));
            co_await conn.commit();
        }
    });
    run_on(io, [&]() -> asio::awaitable<void> {
        auto conn = co_await engine.connect();
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), workers * per_worker);
    }());
    // Pipelined on one connection, outside a transaction: each statement gets its own answer.
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> { conn.emplace(co_await engine.connect()); }());
    constexpr int pipelined = 200;
    std::vector<std::optional<int>> workers_read(pipelined);
    run_concurrently(pipelined, [&](int i) -> asio::awaitable<void> {
        workers_read[i] = (co_await conn->execute(select(items.worker).where(items.id == i % workers * 1000))).scalar();
    });
    for (int i = 0; i < pipelined; ++i) EXPECT_EQ(workers_read[i], i % workers) << "statement " << i;
    conn.reset();
}

// Behind PgBouncer the engine's statement_timeout cannot be SET on the server (it would stay
// with a server connection other clients get): the client cancels each statement past it.
TEST(async_postgresql, the_engines_statement_timeout_holds_through_pgbouncer) {
    RETORT_REQUIRE_POSTGRES(url);
    RETORT_REQUIRE_STANDBY(bouncer, "RETORT_TEST_PGBOUNCER_URL");
    asio::io_context io;
    auto engine = create_async_engine(io, url_with_option(bouncer, "prepared_statements=false"), {.statement_timeout = 0.3});
    run_on(io, [&]() -> asio::awaitable<void> {
        auto conn = co_await engine.connect();
        const auto started = std::chrono::steady_clock::now();
        std::string error = co_await thrown_message<statement_timeout_error>(conn.exec_driver_sql("SELECT pg_sleep(60)"));
        EXPECT_NE(error.find("ran longer than 300 ms"), std::string::npos) << error;
        error = co_await thrown_message<statement_timeout_error>(conn.execute(select(func<"pg_sleep", text>(60.0))));
        EXPECT_NE(error.find("pg_sleep"), std::string::npos) << error;
        EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);  // a bound, not a measure
        // No SET reached the server: the server's own setting is untouched.
        auto setting = co_await conn.execute(select(func<"current_setting", text>(std::string("statement_timeout"))));
        EXPECT_EQ(setting.scalar(), "0");
        // A statement's own timeout still comes first; a quick one completes.
        error = co_await thrown_message<statement_timeout_error>(
            conn.execute(with_timeout(select(func<"pg_sleep", text>(60.0)), 100ms)));
        EXPECT_NE(error.find("ran longer than 100 ms"), std::string::npos) << error;
        EXPECT_GT((co_await conn.execute(select(count()).select_from(activity))).scalar(), 0);
    }());
}

TEST(async_postgresql, execute_many_inserts_10000_rows_in_batches_then_updates_them) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_execute_many_inserts_then_updates(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, execute_many_with_a_failing_row_outside_begin_leaves_no_row) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_execute_many_failing_row_outside_begin_leaves_no_row(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, execute_many_with_a_failing_row_inside_begin_undoes_its_own_rows_only) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_execute_many_failing_row_inside_begin_is_the_transactions(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, stream_results_gives_10000_rows_in_order_in_batches_of_1000) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_stream_reads_in_order_batch_by_batch(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, a_stream_broken_off_early_leaves_the_connection_usable) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_stream_broken_off_early_frees_the_connection(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, an_error_mid_stream_is_thrown_at_the_co_await) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_stream_error_mid_stream_surfaces_at_the_co_await(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

// Another coroutine's statements on the same connection, sent while execute_many's batches
// are in flight, stay out of its transaction: the batches are sent back to back.
TEST(async_postgresql, execute_many_shares_its_connection_without_taking_in_other_statements) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    int others = 0;
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        bool bulk_done = false;
        auto other_inserts = [&]() -> asio::awaitable<void> {
            while (!bulk_done) {
                co_await conn.execute(insert(items).values(items.id = 100'000 + others, items.name = "other"));
                ++others;
            }
        };
        auto failing_bulk_calls = [&]() -> asio::awaitable<void> {
            co_await asio::post(io, asio::use_awaitable);  // the other coroutine's first INSERT is in flight
            for (int round = 0; round < 5; ++round) {
                bool thrown = false;
                try {
                    co_await conn.execute_many(insert_rows(items.id, items.name, items.worker),
                                               rows_failing_in_the_third_batch());
                } catch (const integrity_error&) {
                    thrown = true;
                }
                EXPECT_TRUE(thrown);
            }
            bulk_done = true;
        };
        // Both on the one connection, awaited here: conn and bulk_done outlive them.
        using boost::asio::experimental::awaitable_operators::operator&&;  // retort's && is SQL AND
        co_await (other_inserts() && failing_bulk_calls());
    }());
    EXPECT_GE(others, 1);
    run_on(io, [&]() -> asio::awaitable<void> {
        auto conn = co_await engine.connect();
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items).where(items.name == "other"))).scalar(), others);
        EXPECT_EQ((co_await conn.execute(select(count()).select_from(items))).scalar(), others);
    }());
}

TEST(async_postgresql, echoes_and_reports_each_execution_to_the_execute_listeners) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    execute_recorder seen;
    auto engine = create_async_engine(io, url, [&] { auto o = seen.options(); o.pool_size = 1; return o; }());
    run_on(io, check_execute_events(engine, seen));
    EXPECT_TRUE(seen.echoed("SELECT"));
    EXPECT_TRUE(seen.echoed("[executed in "));
    EXPECT_TRUE(seen.echoed("(7)"));
    EXPECT_TRUE(seen.echoed("[failed after "));
}

TEST(async_postgresql, execute_many_reports_each_batch_and_a_stream_each_fetch) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    execute_recorder seen;
    auto engine = create_async_engine(io, url, seen.options());
    run_on(io, check_bulk_and_stream_events(engine, seen));
    EXPECT_EQ(seen.echo_count("DECLARE "), 1u);
    EXPECT_EQ(seen.echo_count("FETCH FORWARD 1000 FROM "), 3u);  // 1,000, 1,000, then 500: the end

    // COPY is one echo line and no execute events, as on the synchronous engine.
    seen.clear();
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        seen.clear();  // the DDL's events
        auto conn = co_await engine.connect();
        const bulk_options by_copy{.method = bulk_method::copy};
        EXPECT_EQ(co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), numbered_items(2'500),
                                             by_copy),
                  2'500);
    }());
    EXPECT_TRUE(seen.before.empty());
    EXPECT_TRUE(seen.after.empty());
    EXPECT_EQ(seen.echo_count("execute_many: 2500 rows in 3 batches in "), 1u);
    EXPECT_TRUE(seen.echoed("COPY \"async_items\""));
}

TEST(async_postgresql, execute_many_by_copy_loads_100000_rows_that_read_back_equal) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    auto sync = create_engine(url);
    auto observer = sync.connect();
    std::int64_t copies_seen = -1;
    run_on(io, check_copy_loads_rows_read_back_equal(engine, [&] {
        // Half-way: the server runs a COPY (and no INSERT) for it.
        copies_seen = running(observer, "FROM STDIN");
    }));
    EXPECT_EQ(copies_seen, 1);
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, a_copy_shares_its_connection_with_reads_sent_before_and_during_it) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_copy_shares_its_connection_with_reads(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, copies_and_reads_sent_together_on_one_connection_run_in_the_order_sent) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_copies_and_reads_sent_together_run_in_order(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, a_copy_with_a_duplicate_key_outside_begin_leaves_no_row) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_copy_failing_row_outside_begin_leaves_no_row(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

TEST(async_postgresql, a_copy_inside_begin_is_a_savepoint_of_the_transaction) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    run_on(io, check_execute_many_failing_row_inside_begin_is_the_transactions(engine, bulk_method::copy));
    run_on(io, check_copy_inside_begin_commits_with_the_transaction(engine));
    EXPECT_EQ(engine.status().checked_out, 0);
}

// Cancelled through the coroutine's cancellation slot half-way (from the progress callback:
// at a known point, not after a guessed delay): the COPY is abandoned with PQputCopyEnd's
// error, nothing is loaded, and the connection goes on.
TEST(async_postgresql, a_cancelled_copy_loads_nothing_and_the_connection_runs_on) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0});
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        conn.emplace(co_await engine.connect());
    }());
    const auto rows = rows_to_copy(copy_row_count);
    asio::cancellation_signal cancel;
    std::int64_t last_done = 0;
    bool returned = false;
    std::string error, error_sql;
    const bulk_options by_copy{.method = bulk_method::copy, .progress = [&](std::int64_t done, std::int64_t) {
                                   last_done = done;
                                   if (done == copy_row_count / 2) cancel.emit(asio::cancellation_type::terminal);
                               }};
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await conn->execute_many(insert_rows(items.id, items.name, items.worker), rows, by_copy);
            returned = true;
        },
        asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
            try {
                if (e) std::rethrow_exception(e);
            } catch (const query_canceled& q) {
                error = q.what();
                error_sql = q.sql();
            } catch (const std::exception& x) {
                error = std::string("not query_canceled: ") + x.what();
            }
        }));
    io.run();
    io.restart();
    EXPECT_FALSE(returned);
    EXPECT_NE(error.find("retort: the COPY was cancelled"), std::string::npos) << error;
    EXPECT_EQ(error_sql.rfind("COPY \"async_items\"", 0), 0u) << error_sql;
    EXPECT_LT(last_done, copy_row_count);  // the rest were never written
    run_on(io, [&]() -> asio::awaitable<void> {
        EXPECT_EQ((co_await conn->execute(select(count()).select_from(items))).scalar(), 0);
        EXPECT_EQ(co_await conn->execute_many(insert_rows(items.id, items.name, items.worker), rows_to_copy(5),
                                              copy_options),
                  5);
        EXPECT_EQ((co_await conn->execute(select(count()).select_from(items))).scalar(), 5);
        conn.reset();
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

// A COPY waits for its turn until nothing sent before it is left, in flight or waiting to be
// sent. A statement withdrawn from those waiting (cancelled before it was sent) can be the last
// of them: its withdrawal starts the COPY. Statements wait to be sent while a cancel's round
// trip is under way, and the relay in front of the server holds that round trip until the test
// lets it go.
TEST(async_postgresql, a_copy_waiting_only_for_a_statement_withdrawn_before_it_was_sent_starts_then) {
    RETORT_REQUIRE_POSTGRES(url);
    constexpr std::int64_t lock_key = 730516;
    cancel_holding_proxy proxy(url);
    auto sync = create_engine(url);
    auto observer = sync.connect();
    observer.execute(select(func<"pg_advisory_lock", text>(lock_key))).all();
    observer.commit();
    asio::io_context io;
    auto engine = create_async_engine(io, proxy.url(), {.pool_size = 1, .max_overflow = 0});
    // The connection joins its cancel's thread when it goes: the relay lets the cancel through
    // before that, also when a check below ends the test early.
    struct release_at_exit {
        cancel_holding_proxy& proxy;
        ~release_at_exit() { proxy.release(); }
    } const releaser{proxy};
    std::optional<async_connection> conn;
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        conn.emplace(co_await engine.connect());
    }());
    asio::cancellation_signal cancel_first, cancel_second;
    std::string first_ending, second_ending, copy_ending;
    // The first waits on the server for the observer's lock; cancelled by its caller, it asks the
    // server to cancel it, and the relay holds that request.
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await conn->exec_driver_sql("SELECT pg_advisory_xact_lock_shared(" + std::to_string(lock_key) + ")");
        },
        asio::bind_cancellation_slot(cancel_first.slot(), record_ending<query_canceled>(first_ending)));
    while (io.poll() > 0) {
    }
    cancel_first.emit(asio::cancellation_type::terminal);
    while (io.poll() > 0) {
    }
    ASSERT_TRUE(proxy.wait_until_held(1));
    // A read issued now waits to be sent (nothing is, while a cancel is under way); a COPY
    // issued behind it waits for its turn.
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { co_await conn->execute(select(func<"abs", integer>(-2))); },
        asio::bind_cancellation_slot(cancel_second.slot(), record_ending<query_canceled>(second_ending)));
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            EXPECT_EQ(co_await conn->execute_many(insert_rows(items.id, items.name, items.worker), rows_to_copy(3),
                                                  copy_options),
                      3);
        },
        record_ending<query_canceled>(copy_ending));
    while (io.poll() > 0) {
    }
    EXPECT_TRUE(second_ending.empty()) << second_ending;
    EXPECT_TRUE(copy_ending.empty()) << copy_ending;
    // The server answers the first (the cancel never reached it): nothing is in flight now, and
    // the COPY still waits, for the read alone.
    observer.execute(select(func<"pg_advisory_unlock", text>(lock_key))).all();
    observer.commit();
    while (first_ending.empty() && io.run_one_for(30s) > 0) {
    }
    while (io.poll() > 0) {
    }
    EXPECT_FALSE(first_ending.empty());
    EXPECT_TRUE(second_ending.empty()) << second_ending;
    EXPECT_TRUE(copy_ending.empty()) << copy_ending;
    // Cancelled while it waits, the read is never sent, and the COPY starts.
    cancel_second.emit(asio::cancellation_type::terminal);
    while (copy_ending.empty() && io.run_one_for(30s) > 0) {
    }
    EXPECT_NE(second_ending.find("cancelled before it was sent"), std::string::npos) << second_ending;
    ASSERT_EQ(copy_ending, "completed") << "the COPY still waits for its turn";
    // The cancel goes through at last (a read it stops is sent again); the connection runs on.
    proxy.release();
    io.restart();
    run_on(io, [&]() -> asio::awaitable<void> {
        EXPECT_EQ((co_await conn->execute(select(count()).select_from(items))).scalar(), 3);
        conn.reset();
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

// The backend terminated half-way through a COPY: connection_lost, and the pool replaces the
// connection rather than lending it again.
TEST(async_postgresql, a_connection_lost_during_a_copy_is_connection_lost_and_not_reused) {
    RETORT_REQUIRE_POSTGRES(url);
    asio::io_context io;
    auto engine = create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0});
    auto sync = create_engine(url);
    auto killer = sync.connect();
    run_on(io, [&]() -> asio::awaitable<void> {
        co_await recreate_items(engine);
        auto conn = co_await engine.connect();
        const bulk_options by_copy{.method = bulk_method::copy, .progress = [&](std::int64_t done, std::int64_t) {
                                       if (done != 30'000) return;
                                       killer.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                                              "WHERE query LIKE 'COPY \"async_items\"%'");
                                       killer.commit();
                                   }};
        const auto rows = rows_to_copy(copy_row_count);
        bool thrown = false;
        try {
            co_await conn.execute_many(insert_rows(items.id, items.name, items.worker), rows, by_copy);
        } catch (const connection_lost& e) {
            thrown = true;
            EXPECT_EQ(e.sql().rfind("COPY \"async_items\"", 0), 0u) << e.sql();
        }
        EXPECT_TRUE(thrown);
        conn.close();
        auto fresh = co_await engine.connect();
        EXPECT_EQ((co_await fresh.execute(select(count()).select_from(items))).scalar(), 0);
    }());
    EXPECT_EQ(engine.status().checked_out, 0);
}

}  // namespace
}  // namespace retort::test
