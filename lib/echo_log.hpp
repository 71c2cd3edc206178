#pragma once
// Internal: the text of echo lines (SQLAlchemy's echo=True, in retort's words).
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <retort/core/callback.hpp>

namespace retort::detail {

// "('john', 30)"; "()" without parameters.
std::string format_parameters(const std::vector<std::string>& params);

// "0.000123s"
std::string format_duration(std::chrono::nanoseconds duration);

// Writes each line to stderr; the default log sink.
callback<void(std::string_view)> stderr_log();

// The prefix of every echo line.
inline constexpr std::string_view echo_prefix = "[retort.engine] ";

}  // namespace retort::detail
