// lib/async/completion_signal.hpp: the wake-up an awaiting statement waits on.
#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "async/completion_signal.hpp"

namespace retort::async_detail {
namespace {

namespace asio = boost::asio;

// A coroutine that waits once and records how it was woken.
struct waiter {
    bool woken = false;
    boost::system::error_code ec;
    asio::awaitable<void> wait(completion_signal& signal) {
        co_await signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        woken = true;
    }
};

TEST(completion_signal, notify_wakes_the_waiter_through_a_post_not_inline) {
    asio::io_context io;
    completion_signal signal;
    waiter w;
    asio::co_spawn(io, w.wait(signal), asio::detached);
    io.poll();  // the waiter is waiting
    ASSERT_FALSE(w.woken);
    signal.notify();
    EXPECT_FALSE(w.woken);  // posted: it runs when the event loop comes to it
    io.poll();
    EXPECT_TRUE(w.woken);
    EXPECT_FALSE(w.ec);
}

TEST(completion_signal, notify_here_runs_the_waiter_inline_on_its_executor) {
    asio::io_context io;
    completion_signal signal;
    waiter w;
    asio::co_spawn(io, w.wait(signal), asio::detached);
    io.poll();
    bool woken_inside = false;
    asio::post(io, [&] {
        signal.notify_here();
        woken_inside = w.woken;  // it ran to its end before notify_here returned
    });
    io.poll();
    EXPECT_TRUE(woken_inside);
    EXPECT_FALSE(w.ec);
}

TEST(completion_signal, cancelling_the_waiter_completes_it_with_operation_aborted) {
    asio::io_context io;
    completion_signal signal;
    waiter w;
    asio::cancellation_signal cancel;
    asio::co_spawn(io, w.wait(signal), asio::bind_cancellation_slot(cancel.slot(), asio::detached));
    io.poll();
    ASSERT_FALSE(w.woken);
    cancel.emit(asio::cancellation_type::terminal);
    io.poll();
    EXPECT_TRUE(w.woken);
    EXPECT_EQ(w.ec, asio::error::operation_aborted);
    signal.notify();  // nobody waits any more: nothing happens
    io.poll();
}

TEST(completion_signal, notify_without_a_waiter_is_not_remembered) {
    asio::io_context io;
    completion_signal signal;
    signal.notify();  // the requests keep their own `done` flag for this
    waiter w;
    asio::co_spawn(io, w.wait(signal), asio::detached);
    io.poll();
    EXPECT_FALSE(w.woken);
    signal.notify();
    io.poll();
    EXPECT_TRUE(w.woken);
}

}  // namespace
}  // namespace retort::async_detail
