#include "sqlite_link.hpp"

#include <exception>
#include <optional>
#include <string>

#include <retort/core/errors.hpp>

namespace retort::async_detail {

namespace asio = boost::asio;

asio::awaitable<std::shared_ptr<sqlite_link>> sqlite_link::connect(std::shared_ptr<sqlite_workers> workers,
                                                                   retort::engine sync) {
    std::shared_ptr<sqlite_worker> worker = workers->start();
    std::optional<retort::connection> conn;
    auto open = [&] { conn.emplace(sync.connect()); };
    try {
        co_await worker->run(open);
    } catch (...) {
        worker->stop();
        throw;
    }
    co_return std::make_shared<sqlite_link>(std::move(workers), std::move(worker), std::move(*conn));
}

sqlite_link::sqlite_link(std::shared_ptr<sqlite_workers> workers, std::shared_ptr<sqlite_worker> worker,
                         retort::connection conn)
    : workers_(std::move(workers)),
      worker_(std::move(worker)),
      conn_(std::make_unique<retort::connection>(std::move(conn))) {}

sqlite_link::~sqlite_link() {
    // Closing may wait on the file: that too happens on the thread, after the work queued
    // before it, and is its last job.
    worker_->post([closing = std::shared_ptr<retort::connection>(conn_.release())]() mutable { closing.reset(); },
                  true);
}

asio::awaitable<void> sqlite_link::offload(function_ref<void(retort::connection&)> work) {
    try {
        // The driver connection is published by the job itself: only the worker's thread
        // touches conn_ (which may reconnect), and the canceller finds it only while it runs.
        // An interrupt may come before the job has published its driver connection: it is
        // then pending, and the job sends it itself (Dekker-style: one of the two sees the other).
        // What the driver kept of an interrupt for an earlier job is forgotten before then.
        auto run = [&] {
            driver::connection& driver = conn_->dbapi();
            driver.forget_interrupt();
            running_on_.store(&driver, std::memory_order_seq_cst);
            struct unpublish {
                std::atomic<driver::connection*>& on;
                ~unpublish() { on.store(nullptr, std::memory_order_release); }
            } unpublished{running_on_};
            if (interrupt_pending_.load(std::memory_order_seq_cst)) driver.interrupt();
            work(*conn_);
        };
        auto interrupt = [this] {
            interrupt_pending_.store(true, std::memory_order_seq_cst);
            if (auto* driver = running_on_.load(std::memory_order_seq_cst)) driver->interrupt();
        };
        auto forget = [this] { interrupt_pending_.store(false, std::memory_order_relaxed); };
        co_await worker_->run(run, interrupt, forget);
    } catch (const connection_lost&) {
        broken_ = true;
        throw;
    }
}

asio::awaitable<void> sqlite_link::begin() {
    // The synchronous connection begins its transaction with the first statement (and the
    // engine's isolation level); the asynchronous one stops committing after each.
    co_return;
}

asio::awaitable<void> sqlite_link::commit() {
    co_await offload([](retort::connection& c) { c.commit(); });
}

asio::awaitable<void> sqlite_link::rollback() {
    co_await offload([](retort::connection& c) { c.rollback(); });
}

asio::awaitable<void> sqlite_link::exec(std::string_view sql, bool in_transaction) {
    co_await offload([&](retort::connection& c) {
        try {
            c.exec_driver_sql(sql);
            if (!in_transaction) c.commit();
        } catch (...) {
            if (!in_transaction) c.rollback();
            throw;
        }
    });
}

asio::awaitable<bool> sqlite_link::ping() {
    bool alive = false;
    co_await offload([&](retort::connection& c) { alive = c.dbapi().ping(); });
    co_return alive;
}

void sqlite_link::post_detached(std::function<void(retort::connection&)> work) {
    // The thread runs it before any work queued after it (and before the connection's close),
    // without what the driver kept of an interrupt for the job before (nobody cancels this one).
    worker_->post([conn = conn_.get(), work = std::move(work)] {
        conn->dbapi().forget_interrupt();
        work(*conn);
    });
}

}  // namespace retort::async_detail
