#pragma once
// Internal: a one-waiter wake-up. async_wait() keeps the waiter's completion handler; notify()
// posts it (for a notifier in the middle of its own work), notify_here() runs it in place (for
// one whose state is settled). Cancelling the waiter completes it with operation_aborted, as a
// timer's wait.
// What a steady_timer used as a signal did, without the timer queue: each wait on one re-armed
// the reactor's timerfd (a timerfd_settime per statement).
#include <optional>
#include <utility>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/system/error_code.hpp>

namespace retort::async_detail {

class completion_signal {
public:
    completion_signal() = default;
    completion_signal(const completion_signal&) = delete;
    completion_signal& operator=(const completion_signal&) = delete;
    ~completion_signal() = default;  // never with a waiter: it holds (through its request) what owns this

    // Completes at the next notify(), or with operation_aborted when the waiter is cancelled.
    template <class Token>
    auto async_wait(Token&& token) {
        return boost::asio::async_initiate<Token, void(boost::system::error_code)>(
            [this](auto handler) {
                // Where the waiter resumes. Not tracked as work: a coroutine holds co_spawn's
                // work guard while it lives, so run() does not return while it waits.
                executor_ = boost::asio::get_associated_executor(handler);
                handler_.emplace(std::move(handler));
                // The erased handler hangs a slot of its own on the waiter's: cancellation comes there.
                slot_ = handler_->get_cancellation_slot();
                if (slot_.is_connected())
                    slot_.assign([this](boost::asio::cancellation_type) { complete(boost::asio::error::operation_aborted, false); });
            },
            token);
    }

    // Wakes the waiter, if one waits.
    void notify() { complete({}, true); }

    // Wakes the waiter, if one waits, running it here up to its next co_await when the caller
    // runs on the waiter's executor (else posted there). For a caller whose own state is
    // settled: a waiter may start anything; it saves the turn of the event loop a post costs.
    void notify_here() {
        if (!handler_) return;
        if (slot_.is_connected()) slot_.clear();
        slot_ = {};
        auto handler = std::move(*handler_);
        handler_.reset();
        auto executor = std::move(executor_);
        boost::asio::dispatch(executor, [handler = std::move(handler)]() mutable {
            std::move(handler)(boost::system::error_code());
        });
    }

private:
    // `from_outside`: not from the slot's own handler, which clearing the slot would destroy
    // while it runs (it is replaced at the waiter's next wait instead).
    void complete(boost::system::error_code ec, bool from_outside) {
        if (!handler_) return;
        if (from_outside && slot_.is_connected()) slot_.clear();
        slot_ = {};
        auto handler = std::move(*handler_);
        handler_.reset();
        auto executor = std::move(executor_);
        boost::asio::post(executor, [handler = std::move(handler), ec]() mutable { std::move(handler)(ec); });
    }

    // In an optional: Boost 1.81's move assignment of any_completion_handler recurses forever.
    std::optional<boost::asio::any_completion_handler<void(boost::system::error_code)>> handler_;
    boost::asio::cancellation_slot slot_;
    boost::asio::any_io_executor executor_;  // the waiter's, while it waits
};

}  // namespace retort::async_detail
