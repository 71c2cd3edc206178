#pragma once
// Rows in PostgreSQL's COPY text format: fields separated by tabs, NULL as \N, and
// backslash, tab, newline and carriage return escaped.
#include <charconv>
#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <retort/schema/value_category.hpp>
#include <retort/schema/value_text.hpp>
#include <retort/schema/value_types.hpp>

namespace retort::detail {

// COPY "t" ("a", "b") FROM STDIN: the statement execute_many(..., bulk_method::copy) runs,
// on either engine (lib/copy_format.cpp).
std::string copy_from_stdin_sql(std::string_view table, std::span<const std::string> columns);

class copy_line_writer {
public:
    // Starts a new line at the end of `buffer` (what is already there stays).
    void start(std::string& buffer) {
        line_ = &buffer;
        first_ = true;
    }

    template <class SqlType, class V>
    void bind(const V& value) {
        separate();
        append(value);
    }
    template <class SqlType, class V>
    void bind_owned(V&& value) {
        bind<SqlType>(value);
    }

private:
    void separate() {
        if (!first_) line_->push_back('\t');
        first_ = false;
    }
    // Runs of ordinary characters are appended whole: most text needs no escape at all
    // (lib/copy_format.cpp).
    void escaped(std::string_view text);
    template <class V>
    void append(const V& value) {
        using T = std::remove_cvref_t<V>;
        if constexpr (is_optional_v<T>) {
            if (value) append(*value);
            else line_->append("\\N");
        } else if constexpr (std::is_same_v<T, bool>) {
            line_->push_back(value ? 't' : 'f');
        } else if constexpr (std::is_arithmetic_v<T>) {
            char buffer[64];
            auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
            line_->append(buffer, end);
        } else if constexpr (std::is_same_v<T, decimal>) {
            line_->append(value.str());
        } else if constexpr (std::is_same_v<T, json_text>) {
            escaped(value.text);
        } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
            escaped(std::string_view(value));
        } else if constexpr (std::is_same_v<T, date_value>) {
            line_->append(format_date(value));
        } else if constexpr (is_sys_time<T>::value) {
            line_->append(format_timestamp(std::chrono::floor<std::chrono::microseconds>(value)));
        } else if constexpr (is_duration<T>::value) {
            line_->append(format_time_of_day(std::chrono::duration_cast<std::chrono::microseconds>(value)));
        } else {
            // bytea in hex: \x..., its backslash escaped for COPY.
            constexpr char hex[] = "0123456789abcdef";
            line_->append("\\\\x");
            for (std::byte b : value) {
                line_->push_back(hex[(static_cast<unsigned>(b) >> 4) & 0xf]);
                line_->push_back(hex[static_cast<unsigned>(b) & 0xf]);
            }
        }
    }

    std::string* line_ = nullptr;
    bool first_ = true;
};

}  // namespace retort::detail
