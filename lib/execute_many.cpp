#include <retort/engine/execute_many.hpp>

#include <charconv>

namespace retort::detail {

std::string bulk_summary_text(std::int64_t rows, std::int64_t batches, std::chrono::steady_clock::duration took,
                              std::string_view what) {
    const double seconds = std::chrono::duration<double>(took).count();
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, seconds, std::chars_format::fixed, 6).ptr;
    return "execute_many: " + std::to_string(rows) + " rows in " + std::to_string(batches) +
           (batches == 1 ? " batch in " : " batches in ") + std::string(buffer, end) + "s: " + std::string(what);
}

}  // namespace retort::detail
