#pragma once
// Internal: the echo lines and execute events around one execution, for the synchronous
// connection and the asynchronous one (which awaits between the two halves).
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <retort/engine/engine.hpp>

namespace retort::detail {

class engine_state;

// Writes one echo line ("[retort.engine] ..." to the engine's log).
void echo_line(const engine_state& state, std::string_view text);

class execution_trace {
public:
    // Calls the before_execute listeners and echoes the SQL. `echo` false: the caller echoes
    // a summary of its own (execute_many's batches).
    execution_trace(engine_state& state, std::string_view sql, std::vector<std::string> params, bool echo = true);
    execution_trace(const execution_trace&) = delete;
    execution_trace& operator=(const execution_trace&) = delete;

    const std::vector<std::string>& params() const noexcept { return params_; }
    // Echoes "[failed after 0.001s] (params)".
    void failed();
    // Echoes "[executed in 0.001s] (params)" (`echo_kind` for "executed") and calls the
    // after_execute listeners with the duration.
    void finished(std::string_view echo_kind);

private:
    engine_state& state_;
    std::vector<std::string> params_;
    statement_info info_;
    bool echo_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace retort::detail
