#include "execution_trace.hpp"

#include <utility>

#include "echo_log.hpp"
#include "engine_state.hpp"

namespace retort::detail {

using steady = std::chrono::steady_clock;

void echo_line(const engine_state& state, std::string_view text) {
    std::string line(echo_prefix);
    line += text;
    state.log(line);
}

execution_trace::execution_trace(engine_state& state, std::string_view sql, std::vector<std::string> params, bool echo)
    : state_(state), params_(std::move(params)), info_{sql, &params_, {}}, echo_(echo && state.options.echo) {
    for (const auto& fn : state_.before_execute) fn(info_);
    if (echo_) echo_line(state_, sql);
    start_ = steady::now();
}

void execution_trace::failed() {
    if (echo_) echo_line(state_, "[failed after " + format_duration(steady::now() - start_) + "] " + format_parameters(params_));
}

void execution_trace::finished(std::string_view echo_kind) {
    info_.duration = steady::now() - start_;
    if (echo_) {
        // Appended piece by piece: GCC 12's -O3 misreads "[" + std::string&& as an overlapping
        // copy (-Wrestrict, GCC bug 105651).
        std::string line = "[";
        line += echo_kind;
        line += " in ";
        line += format_duration(info_.duration);
        line += "] ";
        line += format_parameters(params_);
        echo_line(state_, line);
    }
    for (const auto& fn : state_.after_execute) fn(info_);
}

}  // namespace retort::detail
