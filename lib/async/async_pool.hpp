#pragma once
// Internal: the asynchronous QueuePool. Connections are opened, pinged and reset by
// coroutines; a checkout that finds none waits in a FIFO queue on a timer of its own, woken
// by the checkin that frees one (or by pool_timeout), so no thread ever blocks on it.
// Used from the engine's executor only.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "../pool.hpp"
#include "pooled_connection.hpp"

namespace retort::async_detail {

class async_pool : public std::enable_shared_from_this<async_pool> {
public:
    using opener = std::function<boost::asio::awaitable<std::shared_ptr<driver_connection>>()>;
    async_pool(boost::asio::any_io_executor executor, detail::pool_config config, opener open,
               detail::pool_listeners& listeners);
    ~async_pool();

    // A connection within config.timeout, else retort::pool_timeout with the synchronous
    // pool's message. Applies recycle and pre_ping; emits connect and checkout.
    boost::asio::awaitable<std::unique_ptr<pooled_connection>> checkout();
    // Takes a connection back: closed when invalidated, broken or beyond pool_size; rolled
    // back first (by a coroutine of its own) when it was left in a transaction; then handed
    // to the first waiter or kept. Emits checkin (and invalidate, close).
    void checkin(std::unique_ptr<pooled_connection> pooled) noexcept;
    // A disconnect was seen: every connection opened before now is replaced at its checkout.
    void invalidate_older(std::uint64_t id) noexcept;
    pool_status status() const noexcept;
    void dispose() noexcept;

private:
    struct waiter {
        explicit waiter(boost::asio::any_io_executor executor) : timer(std::move(executor)) {}
        boost::asio::steady_timer timer;
        std::unique_ptr<pooled_connection> given;  // a connection handed over
        bool may_open = false;                    // or a free place to open one in
    };

    boost::asio::awaitable<std::unique_ptr<pooled_connection>> open_new();
    boost::asio::awaitable<std::unique_ptr<pooled_connection>> ready(std::unique_ptr<pooled_connection> pooled);
    boost::asio::awaitable<void> reset_then_return(std::unique_ptr<pooled_connection> pooled);
    void give_back(std::unique_ptr<pooled_connection> pooled) noexcept;
    void discard(std::unique_ptr<pooled_connection> pooled, bool invalidated) noexcept;
    bool room() const noexcept;
    void wake_one_to_open() noexcept;
    std::string timeout_message() const;
    void emit(const detail::pool_listener_list& fns, const pooled_connection& p) noexcept;

    boost::asio::any_io_executor executor_;
    detail::pool_config config_;
    opener opener_;
    detail::pool_listeners& listeners_;
    std::deque<std::unique_ptr<pooled_connection>> idle_;
    std::list<waiter*> waiters_;
    int open_ = 0;         // connections open or being opened
    int checked_out_ = 0;
    std::uint64_t next_id_ = 1;
    std::chrono::steady_clock::time_point invalid_before_{};
};

}  // namespace retort::async_detail
