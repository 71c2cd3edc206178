#pragma once
// Internal: an asynchronous SQLite connection. sqlite3 blocks, so a synchronous retort
// connection does the work on a thread of its own (as aiosqlite's), one job at a time, and
// the event loop does not wait for it (sqlite_worker.hpp).
#include <atomic>
#include <memory>

#include <retort/async/driver_connection.hpp>
#include <retort/engine/engine.hpp>

#include "sqlite_worker.hpp"

namespace retort::async_detail {

class sqlite_link final : public driver_connection {
public:
    // Opens a connection of `sync` on a new thread of `workers`.
    static boost::asio::awaitable<std::shared_ptr<sqlite_link>> connect(std::shared_ptr<sqlite_workers> workers,
                                                                       retort::engine sync);
    sqlite_link(std::shared_ptr<sqlite_workers> workers, std::shared_ptr<sqlite_worker> worker,
                retort::connection conn);
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
    std::shared_ptr<sqlite_workers> workers_;  // joins worker_'s thread once it has ended
    std::shared_ptr<sqlite_worker> worker_;
    std::unique_ptr<retort::connection> conn_;
    bool broken_ = false;
    std::atomic<driver::connection*> running_on_{nullptr};  // conn_'s driver while a job uses it
    std::atomic<bool> interrupt_pending_{false};            // the running job's caller was cancelled
};

}  // namespace retort::async_detail
