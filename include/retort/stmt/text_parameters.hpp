#pragma once
// The :name parameters of SQL text (text_clause): found by one scanner, at compile time
// for a text given as a template argument and at run time for any other.
// Quoted strings ('...'), quoted identifiers ("..."), comments (-- and /* */) and
// PostgreSQL's casts (::integer) hold no parameters; "\:" is a colon of the SQL itself.
// PostgreSQL's dollar-quoted strings ($$...$$) are not recognised: a :word inside one
// is taken for a parameter.
#include <array>
#include <cstddef>
#include <string_view>

#include <retort/core/fixed_string.hpp>

namespace retort::detail {

constexpr bool is_parameter_name_start(char c) noexcept {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_parameter_name_char(char c) noexcept { return is_parameter_name_start(c) || (c >= '0' && c <= '9'); }

// Calls text(piece) for each piece of SQL between parameters and parameter(name) for each
// :name, in order.
template <class Text, class Parameter>
constexpr void scan_text_parameters(std::string_view sql, Text&& text, Parameter&& parameter) {
    const std::size_t n = sql.size();
    std::size_t start = 0, i = 0;
    auto flush = [&](std::size_t end) {
        if (end > start) text(sql.substr(start, end - start));
    };
    // A loop, not string_view::find: g++ 12 cannot evaluate find() in a constant expression
    // when built with -fsanitize=address,undefined.
    auto skip_to = [&](std::string_view closing) {
        auto closes_at = [&](std::size_t at) {
            if (n - at < closing.size()) return false;
            for (std::size_t k = 0; k < closing.size(); ++k)
                if (sql[at + k] != closing[k]) return false;
            return true;
        };
        while (i < n && !closes_at(i)) ++i;
        i = i < n ? i + closing.size() : n;
    };
    while (i < n) {
        const char c = sql[i];
        const char next = i + 1 < n ? sql[i + 1] : '\0';
        if (c == '\'' || c == '"') {
            ++i;
            skip_to(c == '\'' ? "'" : "\"");  // a doubled quote is two strings back to back: same result
        } else if (c == '-' && next == '-') {
            skip_to("\n");
        } else if (c == '/' && next == '*') {
            i += 2;
            skip_to("*/");
        } else if (c == '\\' && next == ':') {
            flush(i);
            start = i + 1;
            i += 2;
        } else if (c == ':' && next == ':') {
            i += 2;
        } else if (c == ':' && is_parameter_name_start(next)) {
            flush(i);
            std::size_t end = i + 1;
            while (end < n && is_parameter_name_char(sql[end])) ++end;
            parameter(sql.substr(i + 1, end - i - 1));
            start = i = end;
        } else {
            ++i;
        }
    }
    flush(n);
}

// The parameters of a compile-time SQL text, in order of appearance (a name used twice
// is bound twice).
template <fixed_string Text>
struct text_parameters {
    static constexpr std::string_view sql = Text.view();
    static constexpr std::size_t count = [] {
        std::size_t found = 0;
        scan_text_parameters(sql, [](std::string_view) {}, [&](std::string_view) { ++found; });
        return found;
    }();
    static constexpr std::array<std::string_view, count> names = [] {
        std::array<std::string_view, count> out{};
        std::size_t k = 0;
        scan_text_parameters(sql, [](std::string_view) {}, [&](std::string_view name) { out[k++] = name; });
        return out;
    }();
    // Parameter I's name as a template argument (to look its value up among execute()'s).
    template <std::size_t I>
    static constexpr auto name = [] {
        fixed_string<names[I].size()> out;
        for (std::size_t c = 0; c < names[I].size(); ++c) out.data[c] = names[I][c];
        return out;
    }();
    static constexpr bool uses(std::string_view name) {
        for (std::string_view n : names)
            if (n == name) return true;
        return false;
    }
};

}  // namespace retort::detail
