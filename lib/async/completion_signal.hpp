#pragma once
// Internal: a one-waiter wake-up. async_wait() keeps the waiter's completion handler; notify()
// posts it (for a notifier in the middle of its own work), notify_here() runs it in place (for
// one whose state is settled). Cancelling the waiter completes it with operation_aborted, as a
// timer's wait.
// What a steady_timer used as a signal did, without the timer queue: each wait on one re-armed
// the reactor's timerfd (a timerfd_settime per statement). The handler is kept inside the
// signal, not in an any_completion_handler: with thousands of statements in flight every
// allocation per statement is served slowly from the allocator's bins.
#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
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
                using handler_type = decltype(handler);
                static_assert(sizeof(handler_type) <= storage_size && alignof(handler_type) <= alignof(std::max_align_t),
                              "completion_signal: the waiter's handler does not fit in place");
                // Where the waiter resumes. Not tracked as work: a coroutine holds co_spawn's
                // work guard while it lives, so run() does not return while it waits.
                executor_ = boost::asio::get_associated_executor(handler);
                slot_ = boost::asio::get_associated_cancellation_slot(handler);
                ::new (static_cast<void*>(storage_)) handler_type(std::move(handler));
                complete_ = &complete_stored<handler_type>;
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
        if (complete_ == nullptr) return;
        if (slot_.is_connected()) slot_.clear();
        slot_ = {};
        auto executor = std::move(executor_);
        executor_ = {};
        // On the io_context's own thread the handler runs here, as dispatch() would run it,
        // without the function object dispatch() allocates to carry it.
        const auto* context = executor.target<boost::asio::io_context::executor_type>();
        const resume how = context != nullptr && context->running_in_this_thread() ? resume::here : resume::dispatched;
        std::exchange(complete_, nullptr)(storage_, executor, {}, how);
    }

private:
    enum class resume { here, dispatched, posted };
    static constexpr std::size_t storage_size = 64;

    // Moves the stored handler out (the signal may be gone once the waiter runs) and runs it.
    template <class Handler>
    static void complete_stored(unsigned char* storage, const boost::asio::any_io_executor& executor,
                                boost::system::error_code ec, resume how) {
        auto* stored = std::launder(reinterpret_cast<Handler*>(storage));
        Handler handler(std::move(*stored));
        stored->~Handler();
        switch (how) {
            case resume::here:
                std::move(handler)(ec);
                break;
            case resume::dispatched:
                boost::asio::dispatch(executor, [handler = std::move(handler), ec]() mutable { std::move(handler)(ec); });
                break;
            case resume::posted:
                boost::asio::post(executor, [handler = std::move(handler), ec]() mutable { std::move(handler)(ec); });
                break;
        }
    }

    // `from_outside`: not from the slot's own handler, which clearing the slot would destroy
    // while it runs (it is replaced at the waiter's next wait instead).
    void complete(boost::system::error_code ec, bool from_outside) {
        if (complete_ == nullptr) return;
        if (from_outside && slot_.is_connected()) slot_.clear();
        slot_ = {};
        auto executor = std::move(executor_);
        executor_ = {};
        std::exchange(complete_, nullptr)(storage_, executor, ec, resume::posted);
    }

    alignas(std::max_align_t) unsigned char storage_[storage_size];
    // Set while a waiter's handler is stored; takes it out and resumes it.
    void (*complete_)(unsigned char*, const boost::asio::any_io_executor&, boost::system::error_code, resume) = nullptr;
    boost::asio::cancellation_slot slot_;
    boost::asio::any_io_executor executor_;  // the waiter's, while it waits
};

}  // namespace retort::async_detail
