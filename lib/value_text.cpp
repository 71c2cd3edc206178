// Dates and times as ISO-8601 text (schema/value_text.hpp).
#include <retort/schema/value_text.hpp>

#include <charconv>
#include <cstdio>

#include <retort/core/errors.hpp>

namespace retort::detail {

namespace {

[[noreturn]] void bad_value(std::string_view what, std::string_view text) {
    throw data_error("cannot read " + std::string(what) + " from '" + std::string(text) + "'", {});
}

template <class Int>
Int parse_int(std::string_view text, std::string_view what) {
    Int value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) bad_value(what, text);
    return value;
}

}  // namespace

std::string format_date(const std::chrono::year_month_day& d) {
    char buffer[16];
    int n = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                          static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return std::string(buffer, static_cast<std::size_t>(n));
}

std::string format_time_of_day(std::chrono::microseconds since_midnight) {
    using namespace std::chrono;
    auto h = duration_cast<hours>(since_midnight);
    auto m = duration_cast<minutes>(since_midnight - h);
    auto s = duration_cast<seconds>(since_midnight - h - m);
    auto us = since_midnight - h - m - s;
    char buffer[32];
    int n = std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld.%06lld", static_cast<long long>(h.count()),
                          static_cast<long long>(m.count()), static_cast<long long>(s.count()),
                          static_cast<long long>(us.count()));
    return std::string(buffer, static_cast<std::size_t>(n));
}

std::string format_timestamp(timestamp_value t) {
    using namespace std::chrono;
    auto day = floor<days>(t);
    return format_date(year_month_day{day}) + ' ' + format_time_of_day(t - day);
}

std::chrono::year_month_day parse_date(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') bad_value("a date", text);
    auto ymd = std::chrono::year_month_day{std::chrono::year{parse_int<int>(text.substr(0, 4), "a date")},
                                           std::chrono::month{parse_int<unsigned>(text.substr(5, 2), "a date")},
                                           std::chrono::day{parse_int<unsigned>(text.substr(8, 2), "a date")}};
    if (!ymd.ok()) bad_value("a date", text);
    return ymd;
}

std::chrono::microseconds parse_time_of_day(std::string_view text) {
    using namespace std::chrono;
    if (text.size() < 5 || text[2] != ':') bad_value("a time", text);
    microseconds result = hours{parse_int<int>(text.substr(0, 2), "a time")} +
                          minutes{parse_int<int>(text.substr(3, 2), "a time")};
    if (text.size() >= 8) {
        if (text[5] != ':') bad_value("a time", text);
        result += seconds{parse_int<int>(text.substr(6, 2), "a time")};
        if (text.size() > 8) {
            if (text[8] != '.') bad_value("a time", text);
            std::string_view fraction = text.substr(9);
            std::size_t end = fraction.find_first_not_of("0123456789");
            std::string_view rest = end == std::string_view::npos ? std::string_view{} : fraction.substr(end);
            fraction = fraction.substr(0, end);
            if (fraction.empty() || fraction.size() > 6 || !(rest.empty() || rest == "+00" || rest == "Z"))
                bad_value("a time", text);
            long long us = parse_int<long long>(fraction, "a time");
            for (std::size_t i = fraction.size(); i < 6; ++i) us *= 10;
            result += microseconds{us};
        }
    }
    return result;
}

timestamp_value parse_timestamp(std::string_view text) {
    if (text.size() < 10) bad_value("a timestamp", text);
    std::chrono::sys_days day{parse_date(text.substr(0, 10))};
    if (text.size() == 10) return timestamp_value{day};
    if (text[10] != ' ' && text[10] != 'T') bad_value("a timestamp", text);
    return timestamp_value{day} + parse_time_of_day(text.substr(11));
}

}  // namespace retort::detail
