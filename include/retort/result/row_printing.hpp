#pragma once
// Rows print as SQLAlchemy shows them: a typed row as (1, 'alice', NULL), a row_mapping
// as {'id': 1, 'username': 'alice', 'age': NULL}; values as echo shows parameters, NULL
// for an empty std::optional. std::format takes them too where the standard library has
// <format> (__cpp_lib_format).
#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>

#include <retort/result/row_mapping.hpp>
#include <retort/result/sql_value.hpp>
#include <retort/result/sql_value_cast.hpp>
#include <retort/stmt/row.hpp>

#include <version>
#ifdef __cpp_lib_format
#include <format>
#endif

namespace retort {

template <class... Members>
std::ostream& operator<<(std::ostream& out, const row<Members...>& r) {
    out << '(';
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((out << (I ? ", " : "") << detail::sql_value_text(to_sql_value(r.template get<I>()))), ...);
    }(std::index_sequence_for<Members...>{});
    return out << ')';
}

inline std::ostream& operator<<(std::ostream& out, const row_mapping& r) {
    out << '{';
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (i) out << ", ";
        out << '\'' << (i < r.keys().size() ? r.keys()[i] : std::string{}) << "': " << detail::sql_value_text(r[i]);
    }
    return out << '}';
}

// A field of a row_mapping: 1, 'alice', NULL.
inline std::ostream& operator<<(std::ostream& out, const sql_value& v) { return out << detail::sql_value_text(v); }

namespace detail {
// What operator<< writes, as a string (std::formatter, to_string).
template <class T>
std::string streamed_text(const T& value) {
    std::ostringstream out;
    out << value;
    return std::move(out).str();
}
}  // namespace detail

}  // namespace retort

#ifdef __cpp_lib_format
template <class... Members>
struct std::formatter<retort::row<Members...>> : std::formatter<std::string_view> {
    auto format(const retort::row<Members...>& r, std::format_context& ctx) const {
        return std::formatter<std::string_view>::format(retort::detail::streamed_text(r), ctx);
    }
};
template <>
struct std::formatter<retort::row_mapping> : std::formatter<std::string_view> {
    auto format(const retort::row_mapping& r, std::format_context& ctx) const {
        return std::formatter<std::string_view>::format(retort::detail::streamed_text(r), ctx);
    }
};
#endif
