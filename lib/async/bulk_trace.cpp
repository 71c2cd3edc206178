#include <retort/async/bulk_trace.hpp>

#include <utility>

#include <retort/engine/execute_many.hpp>

#include "../engine_state.hpp"
#include "../execution_trace.hpp"

namespace retort::async_detail {

bulk_trace::bulk_trace(detail::engine_state& state) : state_(state) {}

bulk_trace::~bulk_trace() = default;

void bulk_trace::sending(std::string_view sql, std::vector<std::string> params) {
    // No echo per batch (a batch of 1,000 rows is thousands of characters): finished() echoes.
    batches_.push_back(std::make_unique<detail::execution_trace>(state_, sql, std::move(params), false));
}

void bulk_trace::received(std::size_t i) {
    if (i < batches_.size() && batches_[i]) {
        batches_[i]->finished("executed");
        batches_[i].reset();
    }
}

void bulk_trace::finished(std::int64_t rows, std::int64_t batches, std::string_view what) {
    if (!state_.options.echo) return;
    detail::echo_line(state_, detail::bulk_summary_text(rows, batches, std::chrono::steady_clock::now() - start_, what));
}

}  // namespace retort::async_detail
