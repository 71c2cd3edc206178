#include <retort/engine/engine.hpp>

#include <thread>

#include "engine_state.hpp"

namespace retort {

engine create_engine(std::string_view url, engine_options options) {
    return engine(std::make_shared<detail::engine_state>(detail::parse_database_url(url), std::move(options)));
}

namespace {

detail::engine_state& checked(const std::shared_ptr<detail::engine_state>& state) {
    if (!state) throw invalid_request_error("this engine is empty: make one with create_engine()");
    return *state;
}

}  // namespace

connection engine::connect() { return connection(*this, checked(state_).connections->checkout()); }

dialect_kind engine::dialect() const { return checked(state_).url.dialect; }

const std::string& engine::url() const { return checked(state_).url.masked; }

const engine_options& engine::options() const { return checked(state_).options; }

pool_status engine::status() const { return checked(state_).connections->status(); }

void engine::dispose() { checked(state_).connections->dispose(); }

void engine::on_connect(callback<void(const pool_event&)> fn) {
    checked(state_).pool_events.connect.push_back(std::move(fn));
}
void engine::on_first_connect(callback<void(const pool_event&)> fn) {
    checked(state_).pool_events.first_connect.push_back(std::move(fn));
}
void engine::on_checkout(callback<void(const pool_event&)> fn) {
    checked(state_).pool_events.checkout.push_back(std::move(fn));
}
void engine::on_checkin(callback<void(const pool_event&)> fn) {
    checked(state_).pool_events.checkin.push_back(std::move(fn));
}
void engine::on_reset(callback<void(const pool_event&)> fn) {
    checked(state_).pool_events.reset.push_back(std::move(fn));
}
void engine::on_invalidate(callback<void(const pool_event&)> fn) {
    checked(state_).pool_events.invalidate.push_back(std::move(fn));
}
void engine::on_close(callback<void(const pool_event&)> fn) {
    checked(state_).pool_events.close.push_back(std::move(fn));
}
void engine::on_before_execute(callback<void(const statement_info&)> fn) {
    auto& state = checked(state_);
    state.before_execute.push_back(std::move(fn));
    state.update_hooks();
}
void engine::on_after_execute(callback<void(const statement_info&)> fn) {
    auto& state = checked(state_);
    state.after_execute.push_back(std::move(fn));
    state.update_hooks();
}

void detail::sleep_before_retry(std::chrono::milliseconds how_long) { std::this_thread::sleep_for(how_long); }

}  // namespace retort
