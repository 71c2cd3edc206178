#pragma once
// A string usable as a template argument: table, column and label names are part of
// the types that carry them, so the compiler can render SQL text from the types alone.
#include <cstddef>
#include <initializer_list>
#include <string_view>

namespace retort {

template <std::size_t N>
struct fixed_string {
    char data[N + 1]{};

    constexpr fixed_string() = default;
    constexpr fixed_string(const char (&text)[N + 1]) {
        for (std::size_t i = 0; i <= N; ++i) data[i] = text[i];
    }
    static constexpr std::size_t size() { return N; }
    constexpr std::string_view view() const { return {data, N}; }
    constexpr operator std::string_view() const { return view(); }
    constexpr const char* c_str() const { return data; }

    template <std::size_t M>
    constexpr bool operator==(const fixed_string<M>& other) const {
        if constexpr (M != N) return false;
        else return view() == other.view();
    }
};

template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N - 1>;

namespace detail {
// Are the names all different? (a table's columns, the sources in FROM, a subquery's columns)
consteval bool all_different(std::initializer_list<std::string_view> names) {
    for (auto a = names.begin(); a != names.end(); ++a)
        for (auto b = a + 1; b != names.end(); ++b)
            if (*a == *b) return false;
    return true;
}
}  // namespace detail

}  // namespace retort
