#include "sqlite_link.hpp"

#include <exception>
#include <string>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <retort/core/errors.hpp>

namespace retort::async_detail {

namespace asio = boost::asio;

namespace {

// Runs fn() on `strand` and resumes the caller on its own executor, with fn's exception. One
// handler posted each way, no coroutine of its own: the offload is most of what a short
// statement costs.
template <class F>
asio::awaitable<void> on(sqlite_link::strand_type& strand, F& fn) {
    co_await asio::async_initiate<const asio::use_awaitable_t<>, void(std::exception_ptr)>(
        [&strand, &fn](auto handler) {
            asio::post(strand, [&fn, handler = std::move(handler)]() mutable {
                std::exception_ptr failure;
                try {
                    fn();
                } catch (...) {
                    failure = std::current_exception();
                }
                auto caller = asio::get_associated_executor(handler);
                // The failure moves along: the worker keeps no reference to an exception the caller destroys.
                asio::post(caller, [handler = std::move(handler), failure = std::move(failure)]() mutable {
                    std::move(handler)(std::move(failure));
                });
            });
        },
        asio::use_awaitable);
}

}  // namespace

asio::awaitable<std::shared_ptr<sqlite_link>> sqlite_link::connect(std::shared_ptr<asio::thread_pool> workers,
                                                                   retort::engine sync) {
    strand_type strand(workers->get_executor());
    std::optional<retort::connection> conn;
    auto open = [&] { conn.emplace(sync.connect()); };
    co_await on(strand, open);
    co_return std::make_shared<sqlite_link>(std::move(workers), std::move(strand), std::move(*conn));
}

sqlite_link::sqlite_link(std::shared_ptr<asio::thread_pool> workers, strand_type strand, retort::connection conn)
    : workers_(std::move(workers)),
      strand_(std::move(strand)),
      conn_(std::make_unique<retort::connection>(std::move(conn))) {}

sqlite_link::~sqlite_link() {
    // Closing may wait on the file: that too happens on the pool, after the work queued before it.
    std::shared_ptr<retort::connection> closing(conn_.release());
    asio::post(strand_, [closing]() mutable { closing.reset(); });
}

asio::awaitable<void> sqlite_link::offload(function_ref<void(retort::connection&)> work) {
    try {
        auto run = [&] { work(*conn_); };
        co_await on(strand_, run);
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
    // The strand runs it before any work queued after it (and before the connection's close).
    asio::post(strand_, [conn = conn_.get(), work = std::move(work)] {
        try {
            work(*conn);
        } catch (...) {
        }
    });
}

}  // namespace retort::async_detail
