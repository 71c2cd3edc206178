#pragma once
// A string literal assigned to a varchar<N> column must fit in N characters, counted as
// PostgreSQL counts them: UTF-8 code points, not bytes. A literal of at most N bytes fits
// and one of more than 4N bytes cannot (checked by type, with retort's sentence: see
// assignment.hpp); in between only its text can tell, so the literal converts to
// varchar_literal_fits<N>, whose consteval constructor counts the code points. Its text is
// no template argument, so no static_assert can see it; the sentence comes first all the same:
// clang's diagnose_if reads the argument at the call and says the sentence as the error; g++
// calls refuse<sentence>(), not constexpr, and its error names the function with the sentence.
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <retort/core/fixed_string.hpp>

namespace retort::rules {

// One sentence for a literal too long, however it is found (static_assert and diagnose_if take
// only a string literal, hence a macro).
#define RETORT_VARCHAR_LITERAL_TOO_LONG                                                                  \
    "retort: string literal longer than varchar<N> allows (characters counted as UTF-8 code points); " \
    "shorten it or widen the column"
inline constexpr fixed_string varchar_literal_too_long = RETORT_VARCHAR_LITERAL_TOO_LONG;

template <fixed_string Message>
void refuse();  // never defined: calling it at compile time is the error, and g++ prints Message

constexpr std::size_t utf8_code_points(const char* text, std::size_t bytes) {
    std::size_t code_points = 0;
    for (std::size_t i = 0; i < bytes; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++code_points;  // not a continuation byte
    return code_points;
}

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wgcc-compat"
#endif
template <std::size_t N>
struct varchar_literal_fits {
    std::string_view text;

    template <std::size_t Bytes>
    consteval varchar_literal_fits(const char (&literal)[Bytes])
#if defined(__clang__)
        __attribute__((diagnose_if(utf8_code_points(literal, Bytes - 1) > N, RETORT_VARCHAR_LITERAL_TOO_LONG, "error")))
#endif
        : text(literal, Bytes - 1) {
#if !defined(__clang__)
        if (utf8_code_points(literal, Bytes - 1) > N) refuse<varchar_literal_too_long>();
#endif
    }
};
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

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
