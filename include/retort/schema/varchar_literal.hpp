#pragma once
// A string literal assigned to a varchar<N> column must fit in N characters, counted as
// PostgreSQL counts them: UTF-8 code points, not bytes. A literal of at most N bytes fits
// and one of more than 4N bytes cannot (checked by type, with retort's sentence: see
// assignment.hpp); in between only its text can tell, so the literal converts to
// varchar_literal_fits<N>, whose consteval constructor counts the code points and, when
// there are too many, calls varchar_literal_fits_exceeded(): not a constant expression,
// so the assignment does not compile and both compilers name this check.
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace retort::rules {

void varchar_literal_fits_exceeded();  // never defined: calling it at compile time is the error

template <std::size_t N>
struct varchar_literal_fits {
    std::string_view text;

    template <std::size_t Bytes>
    consteval varchar_literal_fits(const char (&literal)[Bytes]) : text(literal, Bytes - 1) {
        std::size_t code_points = 0;
        for (char c : text)
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++code_points;  // not a continuation byte
        if (code_points > N) varchar_literal_fits_exceeded();
    }
};

}  // namespace retort::rules

namespace retort::detail {
// The length limit of a varchar-like SQL type, 0 for the others.
template <class SqlType>
inline constexpr std::size_t literal_length_limit = [] {
    if constexpr (requires { SqlType::max_length; }) return std::size_t{SqlType::max_length};
    else return std::size_t{0};
}();

// A string literal (const char array of Bytes - 1 bytes) that may or may not fit in N
// characters: more bytes than N, but no more than 4 bytes (UTF-8's longest) per character.
template <class SqlType, class V>
inline constexpr bool literal_needs_counting = [] {
    using T = std::remove_reference_t<V>;
    constexpr std::size_t limit = literal_length_limit<SqlType>;
    if constexpr (limit > 0 && std::is_array_v<T> && std::is_const_v<T> &&
                  std::is_same_v<std::remove_cv_t<std::remove_extent_t<T>>, char>) {
        constexpr std::size_t bytes = std::extent_v<T> - 1;
        return bytes > limit && bytes <= 4 * limit;
    } else {
        return false;
    }
}();
}  // namespace retort::detail
