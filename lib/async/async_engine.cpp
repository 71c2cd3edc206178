#include <retort/async/async_engine.hpp>

#include "../engine_state.hpp"
#include "engine_core.hpp"

namespace retort {

namespace asio = boost::asio;

namespace {

async_detail::engine_core& checked(const std::shared_ptr<async_detail::engine_core>& core) {
    if (!core) throw invalid_request_error("this engine is empty: make one with create_async_engine()");
    return *core;
}

}  // namespace

async_engine create_async_engine(asio::any_io_executor executor, std::string_view url, engine_options options) {
    return async_engine(std::make_shared<async_detail::engine_core>(std::move(executor), url, std::move(options)));
}

asio::awaitable<async_connection> async_engine::connect() {
    auto& core = checked(core_);
    auto pooled = co_await core.pool->checkout();
    co_return async_connection(core_, std::move(pooled));
}

asio::awaitable<async_connection> async_engine::begin() {
    async_connection conn = co_await connect();
    co_await conn.begin();
    co_return conn;
}

dialect_kind async_engine::dialect() const { return checked(core_).sync.dialect(); }
const std::string& async_engine::url() const { return checked(core_).sync.url(); }
const engine_options& async_engine::options() const { return checked(core_).sync.options(); }
pool_status async_engine::status() const { return checked(core_).pool->status(); }
asio::any_io_executor async_engine::get_executor() const { return checked(core_).executor; }
void async_engine::dispose() { checked(core_).pool->dispose(); }

void async_engine::on_before_execute(callback<void(const statement_info&)> fn) {
    checked(core_).sync.on_before_execute(std::move(fn));
}
void async_engine::on_after_execute(callback<void(const statement_info&)> fn) {
    checked(core_).sync.on_after_execute(std::move(fn));
}
void async_engine::on_connect(callback<void(const pool_event&)> fn) {
    checked(core_).listeners.connect.push_back(std::move(fn));
}
void async_engine::on_checkout(callback<void(const pool_event&)> fn) {
    checked(core_).listeners.checkout.push_back(std::move(fn));
}
void async_engine::on_checkin(callback<void(const pool_event&)> fn) {
    checked(core_).listeners.checkin.push_back(std::move(fn));
}
void async_engine::on_invalidate(callback<void(const pool_event&)> fn) {
    checked(core_).listeners.invalidate.push_back(std::move(fn));
}
void async_engine::on_close(callback<void(const pool_event&)> fn) {
    checked(core_).listeners.close.push_back(std::move(fn));
}

}  // namespace retort
