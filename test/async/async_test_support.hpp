#pragma once
// What the asynchronous engine's tests share: a table, and running a coroutine to its end on
// an io_context of the test's own (one thread: the event loop).
#include <exception>
#include <string>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <retort/async/all.hpp>
#include <retort/retort.hpp>

namespace retort::test {

struct items_table : table<items_table, "async_items"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(name, varchar<50>, not_null);
    RETORT_COLUMN(worker, integer);
};
inline constexpr items_table items;
inline constexpr metadata item_tables{items};

// Runs `task` on `io` until everything spawned there is done; rethrows what `task` threw.
template <class Awaitable>
void run_on(boost::asio::io_context& io, Awaitable task) {
    std::exception_ptr failure;
    boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) { failure = e; });
    io.run();
    io.restart();
    if (failure) std::rethrow_exception(failure);
}

// The message of the Error `attempt` throws at its co_await; empty when it throws none.
template <class Error, class Awaitable>
boost::asio::awaitable<std::string> thrown_message(Awaitable attempt) {
    try {
        co_await std::move(attempt);
    } catch (const Error& e) {
        co_return e.what();
    }
    co_return std::string();
}

// A co_spawn completion handler that writes into `into` how the coroutine ended: the message
// of the Error it threw, "completed", or "other: " and what else it threw.
template <class Error>
auto record_ending(std::string& into) {
    return [&into](std::exception_ptr e) {
        try {
            if (e) std::rethrow_exception(e);
            into = "completed";
        } catch (const Error& error) {
            into = error.what();
        } catch (const std::exception& other) {
            into = std::string("other: ") + other.what();
        }
    };
}

inline boost::asio::awaitable<void> recreate_items(async_engine& engine) {
    auto conn = co_await engine.connect();
    for (const auto& sql : item_tables.drop_statements(engine.dialect())) co_await conn.exec_driver_sql(sql);
    for (const auto& sql : item_tables.create_statements(engine.dialect())) co_await conn.exec_driver_sql(sql);
}

}  // namespace retort::test
