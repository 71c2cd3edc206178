// QueuePool semantics on real SQLite file connections: size, overflow, timeout,
// FIFO/LIFO, status(), a failing connect.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <retort/core/errors.hpp>

#include "sqlite_pool_fixture.hpp"

namespace retort::test {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;
using queue_pool = sqlite_pool_fixture;

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

TEST_F(queue_pool, reuses_a_returned_connection) {
    auto pool = make_pool({.size = 2, .max_overflow = 0});
    auto first = pool->checkout();
    const auto id = first->id();
    EXPECT_EQ(scalar(first->dbapi(), "SELECT 1"), 1);
    pool->checkin(std::move(first));

    auto again = pool->checkout();
    EXPECT_EQ(again->id(), id);
    EXPECT_EQ(connects.load(), 1);
    pool->checkin(std::move(again));
}

TEST_F(queue_pool, opens_size_plus_overflow_then_times_out_after_pool_timeout) {
    auto pool = make_pool({.size = 2, .max_overflow = 1, .timeout = 0.3});
    std::vector<std::unique_ptr<::retort::detail::connection_record>> held;
    for (int i = 0; i < 3; ++i) held.push_back(pool->checkout());

    const pool_status full = pool->status();
    EXPECT_EQ(full.size, 2);
    EXPECT_EQ(full.idle, 0);
    EXPECT_EQ(full.overflow, 1);
    EXPECT_EQ(full.checked_out, 3);

    const auto start = clock_type::now();
    try {
        auto extra = pool->checkout();
        FAIL() << "a fourth checkout succeeded past size 2 + overflow 1";
    } catch (const retort::pool_timeout& e) {
        EXPECT_STREQ(e.what(), "QueuePool limit of size 2 overflow 1 reached, connection timed out, timeout 0.30");
    }
    const double waited = seconds_since(start);
    EXPECT_GE(waited, 0.3) << "timed out before pool_timeout";
    EXPECT_LT(waited, 0.8) << "waited far beyond pool_timeout";
    EXPECT_EQ(connects.load(), 3);
    EXPECT_EQ(pool->status().checked_out, 3) << "the failed wait must not take a slot";

    for (auto& record : held) pool->checkin(std::move(record));
}

TEST_F(queue_pool, timeout_message_has_sqlalchemys_shape_for_the_default_sizes) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .timeout = 0});
    auto held = pool->checkout();
    EXPECT_THROW(
        {
            try {
                pool->checkout();
            } catch (const retort::pool_timeout& e) {
                EXPECT_STREQ(e.what(), "QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.00");
                throw;
            }
        },
        retort::pool_timeout);
    pool->checkin(std::move(held));
}

TEST_F(queue_pool, a_waiting_checkout_gets_the_connection_returned_meanwhile) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .timeout = 10});
    auto held = pool->checkout();
    const auto id = held->id();

    const auto start = clock_type::now();
    auto waiter = std::async(std::launch::async, [&] { return pool->checkout(); });
    EXPECT_EQ(waiter.wait_for(150ms), std::future_status::timeout) << "checkout did not wait";
    pool->checkin(std::move(held));

    auto got = waiter.get();
    EXPECT_EQ(got->id(), id);
    EXPECT_GE(seconds_since(start), 0.15);
    EXPECT_LT(seconds_since(start), 5.0);
    EXPECT_EQ(connects.load(), 1);
    pool->checkin(std::move(got));
}

TEST_F(queue_pool, overflow_connections_are_closed_on_return) {
    auto pool = make_pool({.size = 1, .max_overflow = 2});
    auto a = pool->checkout();
    auto b = pool->checkout();
    auto c = pool->checkout();
    EXPECT_EQ(pool->status().overflow, 2);
    const auto a_id = a->id(), b_id = b->id(), c_id = c->id();
    events.take();

    pool->checkin(std::move(a));
    pool->checkin(std::move(b));
    pool->checkin(std::move(c));
    const auto fired = events.take();
    EXPECT_EQ(std::count(fired.begin(), fired.end(), "close " + std::to_string(a_id)), 0);
    EXPECT_EQ(std::count(fired.begin(), fired.end(), "close " + std::to_string(b_id)), 1);
    EXPECT_EQ(std::count(fired.begin(), fired.end(), "close " + std::to_string(c_id)), 1);

    const pool_status s = pool->status();
    EXPECT_EQ(s.idle, 1);
    EXPECT_EQ(s.overflow, 0);
    EXPECT_EQ(s.checked_out, 0);
}

TEST_F(queue_pool, fifo_by_default_hands_out_the_connection_idle_longest) {
    auto pool = make_pool({.size = 3, .max_overflow = 0});
    auto a = pool->checkout(), b = pool->checkout(), c = pool->checkout();
    const std::vector<std::uint64_t> returned{a->id(), b->id(), c->id()};
    pool->checkin(std::move(a));
    pool->checkin(std::move(b));
    pool->checkin(std::move(c));

    std::vector<std::unique_ptr<::retort::detail::connection_record>> again;
    std::vector<std::uint64_t> order;
    for (int i = 0; i < 3; ++i) {
        again.push_back(pool->checkout());
        order.push_back(again.back()->id());
    }
    EXPECT_EQ(order, returned);
    for (auto& record : again) pool->checkin(std::move(record));
}

TEST_F(queue_pool, lifo_hands_out_the_connection_returned_last) {
    auto pool = make_pool({.size = 3, .max_overflow = 0, .use_lifo = true});
    auto a = pool->checkout(), b = pool->checkout(), c = pool->checkout();
    const std::vector<std::uint64_t> reversed{c->id(), b->id(), a->id()};
    pool->checkin(std::move(a));
    pool->checkin(std::move(b));
    pool->checkin(std::move(c));

    std::vector<std::unique_ptr<::retort::detail::connection_record>> again;
    std::vector<std::uint64_t> order;
    for (int i = 0; i < 3; ++i) {
        again.push_back(pool->checkout());
        order.push_back(again.back()->id());
    }
    EXPECT_EQ(order, reversed);
    for (auto& record : again) pool->checkin(std::move(record));
}

TEST_F(queue_pool, max_overflow_minus_one_means_no_limit) {
    auto pool = make_pool({.size = 1, .max_overflow = -1, .timeout = 0});
    std::vector<std::unique_ptr<::retort::detail::connection_record>> held;
    for (int i = 0; i < 12; ++i) held.push_back(pool->checkout());
    EXPECT_EQ(pool->status().overflow, 11);
    EXPECT_EQ(pool->status().checked_out, 12);
    for (auto& record : held) pool->checkin(std::move(record));
    EXPECT_EQ(pool->status().idle, 1);
}

TEST_F(queue_pool, pool_size_zero_keeps_every_connection) {
    auto pool = make_pool({.size = 0, .max_overflow = 0, .timeout = 0});
    std::vector<std::unique_ptr<::retort::detail::connection_record>> held;
    for (int i = 0; i < 6; ++i) held.push_back(pool->checkout());
    for (auto& record : held) pool->checkin(std::move(record));
    EXPECT_EQ(pool->status().idle, 6);
    EXPECT_EQ(events.count("close"), 0);
}

TEST_F(queue_pool, a_failing_connect_propagates_and_frees_its_slot) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .timeout = 0});
    fail_connects = true;
    EXPECT_THROW(pool->checkout(), retort::cannot_connect);
    EXPECT_THROW(pool->checkout(), retort::cannot_connect) << "the slot of the failed connect was kept";
    const pool_status s = pool->status();
    EXPECT_EQ(s.checked_out, 0);
    EXPECT_EQ(s.overflow, 0);
    EXPECT_EQ(events.count("connect"), 0);

    fail_connects = false;
    auto record = pool->checkout();  // timeout 0: only works if the slot came back
    EXPECT_EQ(scalar(record->dbapi(), "SELECT 2"), 2);
    pool->checkin(std::move(record));
}

TEST_F(queue_pool, returning_an_invalidated_connection_frees_its_slot_for_a_waiter) {
    auto pool = make_pool({.size = 1, .max_overflow = 0, .timeout = 10});
    auto held = pool->checkout();
    pool->invalidate(*held);  // its return frees the slot rather than pooling it
    auto waiter = std::async(std::launch::async, [&] { return pool->checkout(); });
    EXPECT_EQ(waiter.wait_for(100ms), std::future_status::timeout);
    pool->checkin(std::move(held));
    auto got = waiter.get();
    EXPECT_NE(got, nullptr);
    EXPECT_EQ(connects.load(), 2);
    pool->checkin(std::move(got));
}

TEST_F(queue_pool, rejects_impossible_settings) {
    EXPECT_THROW(make_pool({.size = -1}), retort::argument_error);
    EXPECT_THROW(make_pool({.max_overflow = -2}), retort::argument_error);
    EXPECT_THROW(make_pool({.timeout = -1}), retort::argument_error);
}

TEST_F(queue_pool, threads_never_hold_more_than_size_plus_overflow_and_lose_nothing) {
    constexpr int threads = 8, per_thread = 300;
    auto pool = make_pool({.size = 2, .max_overflow = 2, .timeout = 30});
    std::atomic<int> in_use{0}, most_in_use{0}, done{0};
    std::latch start(threads);  // all threads begin together, so they contend on a loaded machine too
    // What a thread threw: a test failure here, not std::terminate.
    std::mutex failures_mutex;
    std::vector<std::string> failures;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            start.arrive_and_wait();
            try {
                for (int i = 0; i < per_thread; ++i) {
                    auto record = pool->checkout();
                    const int now = in_use.fetch_add(1) + 1;
                    int seen = most_in_use.load();
                    while (now > seen && !most_in_use.compare_exchange_weak(seen, now)) {
                    }
                    const bool answered = scalar(record->dbapi(), "SELECT 1") == 1;
                    if (answered) done.fetch_add(1);
                    if (i % 50 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));  // hold it a while
                    in_use.fetch_sub(1);
                    pool->checkin(std::move(record));
                }
            } catch (const std::exception& e) {
                const std::lock_guard lock(failures_mutex);
                failures.emplace_back(e.what());
            }
        });
    }
    for (auto& worker : workers) worker.join();

    for (const std::string& failure : failures) ADD_FAILURE() << "a thread threw: " << failure;
    ASSERT_TRUE(failures.empty());
    EXPECT_EQ(done.load(), threads * per_thread);
    EXPECT_LE(most_in_use.load(), 4);
    EXPECT_GE(most_in_use.load(), 2) << "8 threads never overlapped: the test did not test contention";
    const pool_status s = pool->status();
    EXPECT_EQ(s.checked_out, 0);
    EXPECT_LE(s.idle, 4);
    EXPECT_EQ(events.count("connect") - events.count("close"), s.idle) << "a connection leaked or closed twice";
}

}  // namespace
}  // namespace retort::test
