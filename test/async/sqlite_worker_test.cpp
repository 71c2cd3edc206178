// lib/async/sqlite_worker.hpp: the thread an asynchronous SQLite connection's work runs on.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "async/sqlite_worker.hpp"

namespace retort::async_detail {
namespace {

namespace asio = boost::asio;

TEST(sqlite_worker, runs_each_job_on_its_thread_in_order_and_resumes_the_caller) {
    asio::io_context io;
    sqlite_worker worker;
    const auto loop_thread = std::this_thread::get_id();
    std::vector<int> ran;                // written by the jobs, read by the caller between them
    std::vector<std::thread::id> where;  // idem
    bool finished = false;
    // (named: the closure outlives the coroutine that runs its body)
    auto body = [&]() -> asio::awaitable<void> {
        for (int i = 0; i < 2000; ++i) {
            auto job = [&, i] {
                ran.push_back(i);
                where.push_back(std::this_thread::get_id());
            };
            co_await worker.run(job);
            EXPECT_EQ(std::this_thread::get_id(), loop_thread);
            EXPECT_EQ(ran.size(), std::size_t(i) + 1);  // done before the caller goes on
        }
        finished = true;
    };
    asio::co_spawn(io, body(), asio::detached);
    io.run();
    ASSERT_TRUE(finished);
    for (int i = 0; i < 2000; ++i) {
        EXPECT_EQ(ran[i], i);
        EXPECT_NE(where[i], loop_thread);
        EXPECT_EQ(where[i], where[0]);  // one thread serves the connection
    }
}

// Spins until `flag` is set; bounded, so that a failing test ends instead of hanging.
void spin_until(const std::atomic<bool>& flag) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!flag.load() && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
}

// What a coroutine ended with: "ok", "cancelled" (operation_aborted), or the message of what
// it threw.
auto record_outcome(std::string& outcome) {
    return [&outcome](std::exception_ptr e) {
        try {
            if (e) std::rethrow_exception(e);
            outcome = "ok";
        } catch (const boost::system::system_error& error) {
            outcome = error.code() == asio::error::operation_aborted ? "cancelled" : error.what();
        } catch (const std::exception& error) {
            outcome = error.what();
        }
    };
}

TEST(sqlite_worker, a_caller_cancelled_while_its_job_runs_leaves_only_after_the_job) {
    // The job lives in the caller's frame: with nothing to interrupt it with, cancellation
    // is thrown at the caller's next co_await after the job ended, never from inside run()
    // while the worker still uses it.
    asio::io_context io;
    sqlite_worker worker;
    std::atomic<bool> started{false}, release{false}, job_ended{false};
    bool ended_when_run_returned = false;
    std::string outcome;
    auto body = [&]() -> asio::awaitable<void> {
        auto job = [&] {
            started = true;
            spin_until(release);
            job_ended = true;
        };
        co_await worker.run(job);
        ended_when_run_returned = job_ended.load();
        co_await asio::post(asio::use_awaitable);  // cancelled: throws here
    };
    asio::cancellation_signal cancel;
    asio::co_spawn(io, body(), asio::bind_cancellation_slot(cancel.slot(), record_outcome(outcome)));
    // Queued behind the coroutine's start: the cancellation comes once the job runs, and
    // the job is released only after the coroutine found it still running.
    asio::post(io, [&] {
        spin_until(started);
        cancel.emit(asio::cancellation_type::terminal);
        asio::post(io, [&] { release = true; });
    });
    io.run();
    EXPECT_TRUE(ended_when_run_returned);
    EXPECT_EQ(outcome, "cancelled");
}

TEST(sqlite_worker, a_caller_cancelled_while_its_job_runs_interrupts_it) {
    asio::io_context io;
    sqlite_worker worker;
    std::atomic<bool> started{false}, interrupted{false};
    std::thread::id interrupted_on;
    std::string outcome;
    auto body = [&]() -> asio::awaitable<void> {
        auto job = [&] {
            started = true;
            spin_until(interrupted);
            if (interrupted) throw std::runtime_error("interrupted");  // as sqlite3_step then fails
        };
        auto interrupt = [&] {
            interrupted_on = std::this_thread::get_id();
            interrupted = true;
        };
        co_await worker.run(job, interrupt);
    };
    asio::cancellation_signal cancel;
    asio::co_spawn(io, body(), asio::bind_cancellation_slot(cancel.slot(), record_outcome(outcome)));
    // Once the job runs, and after the coroutine's turn: it has suspended on its job by then
    // (the cancellation comes through its slot, not seen before it suspends).
    asio::post(io, [&] {
        spin_until(started);
        asio::post(io, [&] { cancel.emit(asio::cancellation_type::terminal); });
    });
    io.run();
    EXPECT_EQ(outcome, "interrupted");
    EXPECT_EQ(interrupted_on, std::this_thread::get_id());  // the event loop's thread
}

TEST(sqlite_worker, a_job_whose_caller_was_cancelled_before_it_started_is_not_run) {
    asio::io_context io;
    sqlite_worker worker;
    std::atomic<bool> first_started{false}, release{false}, second_ran{false};
    std::string first_outcome, second_outcome;
    auto first = [&]() -> asio::awaitable<void> {
        auto job = [&] {
            first_started = true;
            spin_until(release);
        };
        co_await worker.run(job);
    };
    auto second = [&]() -> asio::awaitable<void> {
        auto job = [&] { second_ran = true; };
        auto interrupt = [] {};
        co_await worker.run(job, interrupt);
    };
    asio::cancellation_signal cancel;
    asio::co_spawn(io, first(), record_outcome(first_outcome));
    asio::co_spawn(io, second(), asio::bind_cancellation_slot(cancel.slot(), record_outcome(second_outcome)));
    // Both jobs are queued; the second waits behind the first, which holds the thread.
    asio::post(io, [&] {
        spin_until(first_started);
        cancel.emit(asio::cancellation_type::terminal);
        asio::post(io, [&] { release = true; });
    });
    io.run();
    EXPECT_EQ(first_outcome, "ok");
    EXPECT_FALSE(second_ran);
    EXPECT_NE(second_outcome.find("cancelled before it ran"), std::string::npos) << second_outcome;
}

TEST(sqlite_worker, rethrows_what_a_job_throws_at_the_co_await) {
    asio::io_context io;
    sqlite_worker worker;
    std::string caught;
    int after = 0;
    // (named: the closure outlives the coroutine that runs its body)
    auto body = [&]() -> asio::awaitable<void> {
        auto fails = [] { throw std::runtime_error("disk full"); };
        try {
            co_await worker.run(fails);
        } catch (const std::runtime_error& e) {
            caught = e.what();
        }
        auto next = [&] { ++after; };
        co_await worker.run(next);  // the worker goes on
    };
    asio::co_spawn(io, body(), asio::detached);
    io.run();
    EXPECT_EQ(caught, "disk full");
    EXPECT_EQ(after, 1);
}

// A job that runs until the event loop has run another handler: were the caller to wait for
// it on the event loop's thread, neither would end.
TEST(sqlite_worker, a_long_job_leaves_the_event_loop_free) {
    asio::io_context io;
    sqlite_worker worker;
    std::atomic<bool> loop_ran{false};
    bool job_saw_the_loop = false;
    // (named: the closure outlives the coroutine that runs its body)
    auto body = [&]() -> asio::awaitable<void> {
        auto waits_for_the_loop = [&] {
            const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
            while (!loop_ran.load() && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
            job_saw_the_loop = loop_ran.load();
        };
        asio::post(io, [&] { loop_ran = true; });
        co_await worker.run(waits_for_the_loop);
    };
    asio::co_spawn(io, body(), asio::detached);
    io.run();
    EXPECT_TRUE(job_saw_the_loop);
}

TEST(sqlite_worker, jobs_of_concurrent_callers_run_one_at_a_time_in_the_order_they_came) {
    asio::io_context io;
    sqlite_worker worker;
    std::atomic<int> inside{0};
    int most_inside = 0;
    std::vector<int> order;
    int done = 0;
    auto body = [&](int c) -> asio::awaitable<void> {  // c: a parameter, copied into the frame
        auto job = [&] {
            most_inside = std::max(most_inside, ++inside);
            order.push_back(c);
            std::this_thread::yield();
            --inside;
        };
        co_await worker.run(job);
        ++done;
    };
    for (int c = 0; c < 200; ++c) asio::co_spawn(io, body(c), asio::detached);
    io.run();
    ASSERT_EQ(done, 200);
    EXPECT_EQ(most_inside, 1);
    for (int c = 0; c < 200; ++c) EXPECT_EQ(order[c], c);
}

TEST(sqlite_worker, posted_jobs_run_in_order_and_the_last_ends_the_thread) {
    std::vector<int> ran;
    {
        sqlite_worker worker;
        for (int i = 0; i < 100; ++i) worker.post([&ran, i] { ran.push_back(i); });
        worker.post([] { throw std::runtime_error("dropped"); });  // nobody waits: dropped
        worker.post([&ran] { ran.push_back(100); }, true);
        worker.join();
        EXPECT_TRUE(worker.ended());
    }
    ASSERT_EQ(ran.size(), 101u);
    for (int i = 0; i <= 100; ++i) EXPECT_EQ(ran[i], i);
}

TEST(sqlite_worker, a_worker_that_sleeps_is_woken_by_the_next_job) {
    asio::io_context io;
    sqlite_worker worker;
    int ran = 0;
    // (named: the closure outlives the coroutine that runs its body)
    auto body = [&]() -> asio::awaitable<void> {
        auto job = [&] { ++ran; };
        for (int i = 0; i < 5; ++i) {
            // Past its poll, the worker sleeps: the job must wake it.
            std::this_thread::sleep_for(sqlite_worker::worker_poll * 20);
            co_await worker.run(job);
        }
    };
    asio::co_spawn(io, body(), asio::detached);
    io.run();
    EXPECT_EQ(ran, 5);
}

TEST(sqlite_workers, ends_and_joins_every_thread_it_started) {
    std::atomic<int> closed{0};
    {
        sqlite_workers workers;
        for (int i = 0; i < 20; ++i) {
            auto w = workers.start();
            w->post([&closed] { ++closed; }, true);  // as a connection's close
        }
        auto still_running = workers.start();  // never stopped by its owner: the engine's end does it
        still_running->post([&closed] { ++closed; });
    }
    EXPECT_EQ(closed.load(), 21);
}

}  // namespace
}  // namespace retort::async_detail
