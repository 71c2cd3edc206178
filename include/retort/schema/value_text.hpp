#pragma once
// Dates and times as ISO-8601 text, the form they travel in on both databases
// (PostgreSQL parses and prints it; SQLite stores TEXT, as SQLAlchemy does). In the library
// (lib/value_text.cpp): each unit that includes this would otherwise compile them, and
// instantiate std::from_chars three times, whether it reads a date or not.
#include <chrono>
#include <string>
#include <string_view>

#include <retort/schema/value_types.hpp>

namespace retort {
namespace detail {

std::string format_date(const std::chrono::year_month_day& d);
std::string format_time_of_day(std::chrono::microseconds since_midnight);
std::string format_timestamp(timestamp_value t);

// Each throws data_error for text that is not what it reads.
std::chrono::year_month_day parse_date(std::string_view text);
// HH:MM[:SS[.ffffff]]
std::chrono::microseconds parse_time_of_day(std::string_view text);
// YYYY-MM-DD[ T]HH:MM:SS[.ffffff]
timestamp_value parse_timestamp(std::string_view text);

}  // namespace detail
}  // namespace retort
