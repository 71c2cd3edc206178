#include "echo_log.hpp"

#include <cstdio>

namespace retort::detail {

std::string format_parameters(const std::vector<std::string>& params) {
    std::string out = "(";
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (i) out += ", ";
        out += params[i];
    }
    out += ')';
    return out;
}

std::string format_duration(std::chrono::nanoseconds duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6fs", std::chrono::duration<double>(duration).count());
    return text;
}

callback<void(std::string_view)> stderr_log() {
    return [](std::string_view line) {
        // One write per line, so lines from several threads do not interleave.
        std::string text(line);
        text += '\n';
        std::fwrite(text.data(), 1, text.size(), stderr);
    };
}

}  // namespace retort::detail
