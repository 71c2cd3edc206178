#include <retort/async/async_connection.hpp>

#include <vector>

#include "../engine_state.hpp"
#include "../execution_trace.hpp"
#include "engine_core.hpp"
#include "pooled_connection.hpp"

namespace retort {

namespace asio = boost::asio;

// --- the driver seam's defaults: each driver implements its half ---------------------------

namespace async_detail {

driver::statement_handle driver_connection::statement(std::string_view) {
    throw not_supported_error("this asynchronous driver binds statements on its own threads");
}
asio::awaitable<void> driver_connection::run(driver::statement&, std::size_t, std::string_view, params_text_fn,
                                             bool, std::chrono::milliseconds) {
    throw not_supported_error("this asynchronous driver runs statements on its own threads");
}
asio::awaitable<void> driver_connection::offload(function_ref<void(retort::connection&)>) {
    throw not_supported_error("this asynchronous driver does not offload work to threads");
}
asio::awaitable<void> driver_connection::run_pipelined(std::span<const pipelined_statement>, bool,
                                                       function_ref<void(std::size_t)>,
                                                       function_ref<std::vector<std::string>(std::size_t)>) {
    throw not_supported_error("this asynchronous driver runs statements on its own threads");
}
asio::awaitable<void> driver_connection::copy_in(std::string_view, std::span<const std::string>,
                                                 function_ref<bool(std::string&)>, bool) {
    throw not_supported_error("this asynchronous driver has no COPY");
}
void driver_connection::send_detached(std::string_view) {
    throw not_supported_error("this asynchronous driver runs statements on its own threads");
}
void driver_connection::post_detached(std::function<void(retort::connection&)>) {
    throw not_supported_error("this asynchronous driver does not offload work to threads");
}

}  // namespace async_detail

async_connection::async_connection(std::shared_ptr<async_detail::engine_core> core,
                                   std::unique_ptr<async_detail::pooled_connection> pooled) noexcept
    : core_(std::move(core)), pooled_(std::move(pooled)), dialect_(pooled_->link().dialect()) {}

async_connection::async_connection(async_connection&& other) noexcept
    : core_(std::move(other.core_)),
      pooled_(std::move(other.pooled_)),
      dialect_(other.dialect_),
      in_transaction_(std::exchange(other.in_transaction_, false)) {}

async_connection& async_connection::operator=(async_connection&& other) noexcept {
    if (this != &other) {
        close();
        core_ = std::move(other.core_);
        pooled_ = std::move(other.pooled_);
        dialect_ = other.dialect_;
        in_transaction_ = std::exchange(other.in_transaction_, false);
    }
    return *this;
}

async_connection::~async_connection() { close(); }

void async_connection::close() noexcept {
    if (!pooled_) return;
    pooled_->needs_reset = in_transaction_;
    in_transaction_ = false;
    core_->pool->checkin(std::move(pooled_));
}

void async_connection::invalidate() noexcept {
    if (pooled_) pooled_->invalidate();
    close();
}

async_detail::driver_connection& async_connection::live() {
    if (!pooled_) throw resource_closed_error("This connection is closed");
    return pooled_->link();
}

namespace {

asio::awaitable<void> traced_run(detail::engine_state& state, async_detail::driver_connection& link,
                                 driver::statement& s, std::size_t key, std::string_view sql, params_text_fn params,
                                 bool shares_sync, std::chrono::milliseconds timeout) {
    detail::execution_trace trace(state, sql, params ? params() : std::vector<std::string>{});
    try {
        co_await link.run(s, key, sql, params, shares_sync, timeout);
    } catch (...) {
        trace.failed();
        throw;
    }
    trace.finished("executed");
}

}  // namespace

asio::awaitable<void> async_connection::run(driver::statement& s, std::size_t key, std::string_view sql,
                                            params_text_fn params, bool shares_sync,
                                            std::chrono::milliseconds timeout) {
    // Not a coroutine: without listeners the caller awaits the link's own, and no frame of
    // this function's is allocated per statement.
    auto& link = live();
    auto& state = core_->sync.state();
    if (!state.execute_hooks) [[likely]]
        return link.run(s, key, sql, params, shares_sync, timeout);
    return traced_run(state, link, s, key, sql, params, shares_sync, timeout);
}

std::unique_ptr<async_detail::bulk_trace> async_connection::trace_bulk() {
    live();
    auto& state = core_->sync.state();
    if (!state.execute_hooks) return nullptr;
    return std::make_unique<async_detail::bulk_trace>(state);
}

asio::awaitable<void> async_connection::exec_driver_sql(std::string_view sql) {
    auto& link = live();
    auto& state = core_->sync.state();
    // SQLite's runs through the synchronous connection, which reports it itself.
    if (dialect_ == dialect_kind::sqlite || !state.execute_hooks) {
        co_await link.exec(sql, in_transaction_);
        co_return;
    }
    detail::execution_trace trace(state, sql, {});
    try {
        co_await link.exec(sql, in_transaction_);
    } catch (...) {
        trace.failed();
        throw;
    }
    trace.finished("raw sql");
}

asio::awaitable<void> async_connection::begin() {
    auto& link = live();
    if (in_transaction_)
        throw invalid_request_error("a transaction is already begun on this connection; call commit() or rollback() first");
    co_await link.begin();
    in_transaction_ = true;
}

asio::awaitable<void> async_connection::commit() {
    if (!in_transaction_) co_return;
    auto& link = live();
    in_transaction_ = false;  // COMMIT ends it whatever it answers (PostgreSQL rolls back a failed one)
    co_await link.commit();
}

asio::awaitable<void> async_connection::rollback() {
    if (!in_transaction_) co_return;
    auto& link = live();
    in_transaction_ = false;
    if (link.broken()) co_return;  // the transaction went with the connection
    co_await link.rollback();
}

}  // namespace retort
