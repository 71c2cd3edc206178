#pragma once
// Internal: the connection pool (SQLAlchemy's QueuePool, NullPool, StaticPool).
// The engine owns one; a retort::connection holds one checked-out record.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <retort/core/callback.hpp>
#include <retort/engine/engine.hpp>

namespace retort::detail {

struct pool_config {
    pool_class kind = pool_class::queue;
    int size = 5;
    int max_overflow = 10;
    double timeout = 30.0;
    double recycle = -1.0;
    bool pre_ping = false;
    bool use_lifo = false;
    bool reset_on_return = true;
    bool echo = false;
    callback<void(std::string_view)> log{};  // empty: std::clog (the engine supplies its sink)
    std::string timeout_hint{};  // appended to the pool_timeout message: why this pool is so small
};

// Listeners registered on the engine; the pool calls them (as the user gave them: no wrapper).
using pool_listener_list = std::vector<callback<void(const pool_event&)>>;
struct pool_listeners {
    pool_listener_list connect, first_connect, checkout, checkin, reset,
        invalidate, close;
};

class pool;

// One pooled physical connection, as SQLAlchemy's _ConnectionRecord.
class connection_record {
public:
    connection_record(pool& owner, std::unique_ptr<driver::connection> dbapi, std::uint64_t id);
    ~connection_record();
    driver::connection& dbapi() noexcept { return *dbapi_; }
    std::uint64_t id() const noexcept { return id_; }
    std::chrono::steady_clock::time_point created() const noexcept { return created_; }
    pool& owner() noexcept { return *owner_; }
    // Marks this connection dead: it is closed instead of returned at checkin.
    void invalidate() noexcept { invalidated_ = true; }
    bool invalidated() const noexcept { return invalidated_; }

private:
    pool* owner_;
    std::unique_ptr<driver::connection> dbapi_;
    std::uint64_t id_;
    std::chrono::steady_clock::time_point created_;
    bool invalidated_ = false;
};

class pool {
public:
    using connector = std::function<std::unique_ptr<driver::connection>()>;
    pool(pool_config config, connector connect, pool_listeners& listeners);
    ~pool();
    // Waits up to config.timeout for a connection, else throws retort::pool_timeout
    // ("QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00").
    // Applies recycle and pre_ping; emits connect/first_connect/checkout.
    std::unique_ptr<connection_record> checkout();
    // Resets (rolls back) and returns the connection, or closes it when invalidated
    // or beyond pool_size; emits reset/checkin/close.
    void checkin(std::unique_ptr<connection_record> record) noexcept;
    // A disconnect was seen on `record`: invalidate it and every connection that
    // existed when it was seen (SQLAlchemy's pool invalidation time), so the next
    // checkouts reconnect. `reason` goes to the echo_pool log. Emits invalidate.
    void invalidate(connection_record& record, std::string_view reason = {}) noexcept;
    pool_status status() const;
    void dispose();

private:
    struct state;
    std::unique_ptr<state> state_;
};

}  // namespace retort::detail
