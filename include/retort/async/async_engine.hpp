#pragma once
// The asynchronous engine: SQLAlchemy's create_async_engine / AsyncEngine for C++20
// coroutines on Boost.Asio. The same URL and engine_options as create_engine, the same
// statements, results and exceptions; every call is co_awaited.
//   auto engine = retort::create_async_engine(io.get_executor(), "postgresql://...", {.pool_size = 10});
//   auto conn = co_await engine.connect();
//   auto user = (co_await conn.execute(select(users).where(users.id == 1))).one();
#include <concepts>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <retort/async/async_connection.hpp>
#include <retort/core/callback.hpp>
#include <retort/engine/engine.hpp>

namespace retort {

namespace async_detail {
class engine_core;
}

class async_engine {
public:
    async_engine() = default;
    explicit async_engine(std::shared_ptr<async_detail::engine_core> core) : core_(std::move(core)) {}

    // A connection from the pool: waits (without blocking the thread) for one to be free, up
    // to pool_timeout, else throws pool_timeout as the synchronous pool does.
    boost::asio::awaitable<async_connection> connect();
    // A connection with a transaction begun (SQLAlchemy's `async with engine.begin()`):
    // co_await conn.commit() ends it; dropped uncommitted, it is rolled back.
    boost::asio::awaitable<async_connection> begin();
    // Runs co_await fn(conn) in a transaction: commit when it returns, rollback when it throws.
    template <class F>
    auto transaction(F fn) -> std::invoke_result_t<F&, async_connection&>;

    dialect_kind dialect() const;
    const std::string& url() const;  // password masked
    const engine_options& options() const;
    pool_status status() const;
    boost::asio::any_io_executor get_executor() const;
    // Closes every idle pooled connection; checked-out ones close when returned.
    void dispose();

    // Execute events, as on the synchronous engine: around each statement, on the event loop
    // for PostgreSQL and on the worker thread for SQLite. `echo` in the options logs each.
    void on_before_execute(callback<void(const statement_info&)> fn);
    void on_after_execute(callback<void(const statement_info&)> fn);
    // Pool events, as on the synchronous engine (pool_event::dbapi_connection is null).
    void on_connect(callback<void(const pool_event&)> fn);
    void on_checkout(callback<void(const pool_event&)> fn);
    void on_checkin(callback<void(const pool_event&)> fn);
    void on_invalidate(callback<void(const pool_event&)> fn);
    void on_close(callback<void(const pool_event&)> fn);

private:
    std::shared_ptr<async_detail::engine_core> core_;
};

// `executor` runs everything the engine does: PostgreSQL socket waits and the resumption of
// every coroutine awaiting the engine. Use the engine from that executor only (an io_context
// run by one thread, or a strand). SQLite's work runs on a thread per connection of the
// engine's own and comes back to `executor`.
async_engine create_async_engine(boost::asio::any_io_executor executor, std::string_view url,
                                 engine_options options = {});
template <class ExecutionContext>
    requires requires(ExecutionContext& c) { { c.get_executor() }; }
async_engine create_async_engine(ExecutionContext& context, std::string_view url, engine_options options = {}) {
    return create_async_engine(boost::asio::any_io_executor(context.get_executor()), url, std::move(options));
}

template <class F>
auto async_engine::transaction(F fn) -> std::invoke_result_t<F&, async_connection&> {
    using value_type = typename std::invoke_result_t<F&, async_connection&>::value_type;
    async_connection conn = co_await begin();
    std::exception_ptr failure;  // a catch block cannot co_await: the rollback comes after it
    try {
        if constexpr (std::is_void_v<value_type>) {
            co_await fn(conn);
            co_await conn.commit();
            co_return;
        } else {
            value_type value = co_await fn(conn);
            co_await conn.commit();
            co_return value;
        }
    } catch (...) {
        failure = std::current_exception();
    }
    if (conn.in_transaction()) {
        try {
            co_await conn.rollback();
        } catch (...) {
            conn.invalidate();  // the connection went with the error: the pool replaces it
        }
    }
    std::rethrow_exception(failure);
}

}  // namespace retort
