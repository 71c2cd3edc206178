#pragma once
// Internal: an asynchronous SQLite connection. sqlite3 blocks, so a synchronous retort
// connection does the work on the engine's thread pool (as aiosqlite does), its work
// serialised on a strand: one thread at a time uses it, and the event loop never waits.
#include <memory>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <retort/async/driver_connection.hpp>
#include <retort/engine/engine.hpp>

namespace retort::async_detail {

class sqlite_link final : public driver_connection {
public:
    using strand_type = boost::asio::strand<boost::asio::thread_pool::executor_type>;
    // Opens a connection of `sync` (on the pool's thread).
    static boost::asio::awaitable<std::shared_ptr<sqlite_link>> connect(std::shared_ptr<boost::asio::thread_pool> workers,
                                                                       retort::engine sync);
    sqlite_link(std::shared_ptr<boost::asio::thread_pool> workers, strand_type strand, retort::connection conn);
    ~sqlite_link() override;

    dialect_kind dialect() const noexcept override { return dialect_kind::sqlite; }
    boost::asio::awaitable<void> offload(function_ref<void(retort::connection&)> work) override;
    boost::asio::awaitable<void> begin() override;
    boost::asio::awaitable<void> commit() override;
    boost::asio::awaitable<void> rollback() override;
    boost::asio::awaitable<void> exec(std::string_view sql, bool in_transaction) override;
    boost::asio::awaitable<bool> ping() override;
    bool broken() const noexcept override { return broken_; }
    void post_detached(std::function<void(retort::connection&)> work) override;

private:
    std::shared_ptr<boost::asio::thread_pool> workers_;
    strand_type strand_;
    std::unique_ptr<retort::connection> conn_;
    bool broken_ = false;
};

}  // namespace retort::async_detail
