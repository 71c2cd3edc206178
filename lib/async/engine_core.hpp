#pragma once
// Internal: what an async_engine is made of, shared by the engine handle and its connections.
// A synchronous engine supplies the URL parsing, option checks and isolation level (and, for
// SQLite, the connections its worker threads use); the asynchronous pool hands out links.
#include <memory>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include <retort/async/async_engine.hpp>

#include "../pool.hpp"
#include "async_pool.hpp"
#include "sqlite_worker.hpp"

namespace retort::async_detail {

class engine_core {
public:
    engine_core(boost::asio::any_io_executor executor, std::string_view url, engine_options options);
    ~engine_core();

    boost::asio::any_io_executor executor;
    retort::engine sync;
    detail::pool_listeners listeners;
    std::shared_ptr<sqlite_workers> workers;  // SQLite only: a thread per connection
    std::shared_ptr<async_pool> pool;
};

}  // namespace retort::async_detail
