#pragma once
// C++ types for SQL values that the standard library lacks.
#include <chrono>
#include <compare>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort {

// An exact decimal number (NUMERIC), kept as its text so no digit is lost.
class decimal {
public:
    decimal() : text_("0") {}
    explicit decimal(std::string text) : text_(std::move(text)) {}
    explicit decimal(std::string_view text) : text_(text) {}
    explicit decimal(const char* text) : text_(text) {}
    explicit decimal(long long value) : text_(std::to_string(value)) {}
    const std::string& str() const noexcept { return text_; }
    double to_double() const { return std::stod(text_); }
    friend bool operator==(const decimal&, const decimal&) = default;

private:
    std::string text_;
};

// A JSON document, kept as its text (bound and read as text on both dialects).
struct json_text {
    std::string text;
    friend bool operator==(const json_text&, const json_text&) = default;
};

using blob_value = std::vector<std::byte>;
// TIMESTAMP (without time zone) is read and written as UTC.
using timestamp_value = std::chrono::sys_time<std::chrono::microseconds>;
// TIME: the time since midnight.
using time_value = std::chrono::microseconds;
using date_value = std::chrono::year_month_day;

}  // namespace retort
