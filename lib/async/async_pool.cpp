#include "async_pool.hpp"

#include <cstdio>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <retort/core/errors.hpp>

namespace retort::async_detail {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

async_pool::async_pool(asio::any_io_executor executor, detail::pool_config config, opener open,
                       detail::pool_listeners& listeners)
    : executor_(std::move(executor)), config_(std::move(config)), opener_(std::move(open)), listeners_(listeners) {}

async_pool::~async_pool() = default;

void async_pool::emit(const detail::pool_listener_list& fns,
                      const pooled_connection& p) noexcept {
    const pool_event event{nullptr, p.id()};
    for (const auto& fn : fns) {
        try {
            fn(event);
        } catch (...) {
            // A listener's failure does not leak a connection.
        }
    }
}

bool async_pool::room() const noexcept {
    if (config_.size == 0 || config_.max_overflow < 0) return true;
    return open_ < config_.size + config_.max_overflow;
}

std::string async_pool::timeout_message() const {
    char text[160];
    std::snprintf(text, sizeof text, "QueuePool limit of size %d overflow %d reached, connection timed out, timeout %.2f",
                  config_.size, open_ - config_.size, config_.timeout);
    return text + config_.timeout_hint;
}

asio::awaitable<std::unique_ptr<pooled_connection>> async_pool::checkout() {
    std::unique_ptr<pooled_connection> pooled;
    bool may_open = false;
    if (!idle_.empty()) {
        if (config_.use_lifo) {
            pooled = std::move(idle_.back());
            idle_.pop_back();
        } else {
            pooled = std::move(idle_.front());
            idle_.pop_front();
        }
    } else if (room()) {
        may_open = true;
        ++open_;  // the place is taken now: a checkout meanwhile does not take it too
    } else {
        // Queue up: the timer is cancelled by the checkin that serves this waiter, or expires.
        waiter self(executor_);
        self.timer.expires_after(std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(config_.timeout)));
        waiters_.push_back(&self);
        auto position = std::prev(waiters_.end());
        boost::system::error_code ec;
        co_await self.timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (self.given) {
            pooled = std::move(self.given);
        } else if (self.may_open) {
            may_open = true;
        } else {
            waiters_.erase(position);
            if (ec == asio::error::operation_aborted)  // the waiting coroutine was cancelled
                throw boost::system::system_error(ec, "waiting for a pooled connection");
            throw retort::pool_timeout(timeout_message());
        }
    }
    ++checked_out_;
    try {
        if (may_open) pooled = co_await open_new();
        else pooled = co_await ready(std::move(pooled));
    } catch (...) {
        --checked_out_;
        throw;
    }
    emit(listeners_.checkout, *pooled);
    co_return pooled;
}

asio::awaitable<std::unique_ptr<pooled_connection>> async_pool::open_new() {
    // open_ already counts this connection.
    std::shared_ptr<driver_connection> link;
    try {
        link = co_await opener_();
    } catch (...) {
        --open_;
        wake_one_to_open();
        throw;
    }
    auto pooled = std::make_unique<pooled_connection>(std::move(link), next_id_++);
    if (config_.echo) config_.log("pool: connection " + std::to_string(pooled->id()) + " opened");
    emit(listeners_.connect, *pooled);
    co_return pooled;
}

asio::awaitable<std::unique_ptr<pooled_connection>> async_pool::ready(std::unique_ptr<pooled_connection> pooled) {
    const auto now = steady::now();
    bool replace = pooled->invalidated() || pooled->created() <= invalid_before_;
    if (!replace && config_.recycle >= 0 &&
        now - pooled->created() > std::chrono::duration<double>(config_.recycle))
        replace = true;
    if (!replace && config_.pre_ping) {
        const bool alive = co_await pooled->link().ping();
        if (!alive) {
            emit(listeners_.invalidate, *pooled);
            invalid_before_ = steady::now();  // the server went away: older connections went with it
            replace = true;
        }
    }
    if (!replace) co_return pooled;
    emit(listeners_.close, *pooled);
    pooled.reset();  // its place is reused for the new one (open_ unchanged)
    co_return co_await open_new();
}

void async_pool::checkin(std::unique_ptr<pooled_connection> pooled) noexcept {
    if (!pooled) return;
    --checked_out_;
    emit(listeners_.checkin, *pooled);
    if (pooled->invalidated()) {
        if (pooled->link().broken()) invalid_before_ = steady::now();  // the server went: older ones went too
        discard(std::move(pooled), true);
        return;
    }
    if (pooled->needs_reset && config_.reset_on_return) {
        ++checked_out_;  // still out while it rolls back
        try {
            asio::co_spawn(executor_, reset_then_return(std::move(pooled)), asio::detached);
        } catch (...) {
            --checked_out_;
        }
        return;
    }
    give_back(std::move(pooled));
}

asio::awaitable<void> async_pool::reset_then_return(std::unique_ptr<pooled_connection> pooled) {
    auto keep = shared_from_this();
    --checked_out_;
    bool ok = true;
    try {
        co_await pooled->link().rollback();
    } catch (...) {
        ok = false;
    }
    pooled->needs_reset = false;
    emit(listeners_.reset, *pooled);
    if (ok) give_back(std::move(pooled));
    else discard(std::move(pooled), true);
}

void async_pool::give_back(std::unique_ptr<pooled_connection> pooled) noexcept {
    if (!waiters_.empty()) {
        waiter* first = waiters_.front();
        waiters_.pop_front();
        first->given = std::move(pooled);
        first->timer.cancel();
        return;
    }
    if (config_.kind == pool_class::null || (config_.size > 0 && open_ > config_.size)) {  // overflow: closed rather than kept
        discard(std::move(pooled), false);
        return;
    }
    idle_.push_back(std::move(pooled));
}

void async_pool::discard(std::unique_ptr<pooled_connection> pooled, bool invalidated) noexcept {
    if (invalidated) emit(listeners_.invalidate, *pooled);
    emit(listeners_.close, *pooled);
    if (config_.echo) config_.log("pool: connection " + std::to_string(pooled->id()) + " closed");
    pooled.reset();
    --open_;
    wake_one_to_open();
}

void async_pool::wake_one_to_open() noexcept {
    if (waiters_.empty() || !room()) return;
    waiter* first = waiters_.front();
    waiters_.pop_front();
    ++open_;
    first->may_open = true;
    first->timer.cancel();
}

void async_pool::invalidate_older(std::uint64_t) noexcept { invalid_before_ = steady::now(); }

pool_status async_pool::status() const noexcept {
    pool_status s;
    s.size = config_.size;
    s.idle = int(idle_.size());
    s.checked_out = checked_out_;
    s.overflow = config_.size > 0 && open_ > config_.size ? open_ - config_.size : 0;
    return s;
}

void async_pool::dispose() noexcept {
    while (!idle_.empty()) {
        auto pooled = std::move(idle_.front());
        idle_.pop_front();
        emit(listeners_.close, *pooled);
        --open_;
    }
    wake_one_to_open();
}

}  // namespace retort::async_detail
