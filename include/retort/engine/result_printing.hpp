#pragma once
// A result prints its rows, one a line (reading them: the result is used up):
//   std::cout << conn.execute(select(users.id, users.username));
//   // (1, 'alice')
//   // (2, 'bob')
#include <ostream>
#include <sstream>
#include <string>
#include <version>

#include <retort/engine/result.hpp>
#include <retort/result/row_printing.hpp>

#ifdef __cpp_lib_format
#include <format>
#endif

namespace retort {

template <class Row>
std::ostream& operator<<(std::ostream& out, result<Row>& rows) {
    for (const auto& row : rows) out << row << '\n';
    return out;
}
template <class Row>
std::ostream& operator<<(std::ostream& out, result<Row>&& rows) {
    return out << rows;
}

}  // namespace retort

#ifdef __cpp_lib_format
// std::format("{}", result) reads the rows: the result is taken by non-const reference.
template <class Row>
struct std::formatter<retort::result<Row>> : std::formatter<std::string_view> {
    auto format(retort::result<Row>& rows, std::format_context& ctx) const {
        std::ostringstream out;
        out << rows;
        return std::formatter<std::string_view>::format(std::move(out).str(), ctx);
    }
};
#endif
