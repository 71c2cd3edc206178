#pragma once
// Rendering runs twice per statement type and dialect, both at compile time: a counting
// pass sizes the buffer, a fill pass writes into std::array<char, N>. (std::string is
// not usable in constant evaluation with clang and libstdc++ 12.) The same code renders
// at run time into a std::string for DDL and for shapes built at run time.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace retort::render {

// The compile-time passes' sink: counts while `out` is null, then writes there. One type for
// both passes of every statement, so each node's render() is instantiated once per dialect
// (a sink typed by the text's length made every node of every statement render anew).
struct compile_time_sink {
    char* out = nullptr;
    std::size_t size = 0;
    constexpr void put(std::string_view text) {
        // (no range-for: each character would be an iterator's calls to the constant evaluator)
        const std::size_t n = text.size();
        if (out != nullptr) {
            const char* from = text.data();
            char* to = out + size;
            for (std::size_t i = 0; i != n; ++i) to[i] = from[i];
        }
        size += n;
    }
    constexpr void put(char c) {
        if (out != nullptr) out[size] = c;
        ++size;
    }
};

struct string_sink {
    std::string text;
    void put(std::string_view s) { text.append(s); }
    void put(char c) { text.push_back(c); }
};

// How values appear in the text: as placeholders ($1, ?) or, for DDL only, as literals.
enum class value_mode : unsigned char { placeholder, literal };

template <class Dialect, class Sink, value_mode Values = value_mode::placeholder>
struct context {
    using dialect = Dialect;
    static constexpr value_mode values = Values;
    // true while rendering from types alone (no statement object to read values from)
    bool static_shape = true;
    // false where columns must be bare names (CHECK constraints in DDL)
    bool qualify_columns = true;
    // A feature the dialect lacks (DISTINCT ON on SQLite): the text is not usable.
    std::string_view unsupported{};
    // A part whose text depends on run-time values (a dynamic where): no static text.
    bool needs_object = false;

    constexpr void unsupported_feature(std::string_view what) {
        if (unsupported.empty()) unsupported = what;
    }
    Sink sink{};
    int parameters = 0;
    // execute()'s check that each arg<"name"> names a bindparam of the statement: the name
    // sought, and whether a bindparam of that name was rendered.
    std::string_view bindparam_sought{};
    bool bindparam_found = false;
    constexpr void note_bindparam(std::string_view name) {
        if (name == bindparam_sought) bindparam_found = true;
    }

    constexpr void put(std::string_view text) { sink.put(text); }
    constexpr void put(char c) { sink.put(c); }
    constexpr void put_number(long long n) {
        if (n < 0) {
            put('-');
            n = -n;
        }
        char digits[20]{};
        int count = 0;
        do {
            digits[count++] = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n > 0);
        while (count > 0) put(digits[--count]);
    }
    // A quoted identifier: "name", with embedded quotes doubled. (A name known as a type's
    // constant is quoted once, by quoted_identifier.hpp: put(quoted_identifier<Name>.view()).)
    constexpr void put_identifier(std::string_view name) {
        put('"');
        for (char c : name) {
            if (c == '"') put('"');
            put(c);
        }
        put('"');
    }
    constexpr void put_placeholder() { Dialect::placeholder(*this, ++parameters); }
};

}  // namespace retort::render
