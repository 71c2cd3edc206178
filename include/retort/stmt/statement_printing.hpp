#pragma once
// A statement prints its SQL text, as str(stmt) does in SQLAlchemy: PostgreSQL's text
// ($1, $2 for the values, which stay out of it); sql_text<sqlite>(stmt) gives SQLite's.
//   std::cout << select(users.username).where(users.age > 25);
//   // SELECT "users"."username" FROM "users" WHERE "users"."age" > $1
#include <concepts>
#include <ostream>
#include <string>
#include <version>

#include <retort/render/dialect.hpp>
#include <retort/render/sql_text.hpp>

#ifdef __cpp_lib_format
#include <format>
#endif

namespace retort {

// A statement: renders itself and says whether it returns rows (expressions do not).
template <class S>
concept printable_statement = requires(render::context<postgresql, render::compile_time_sink>& ctx) {
    { S::returns_rows } -> std::convertible_to<bool>;
    S::render(ctx, static_cast<const S*>(nullptr));
};

namespace detail {
template <class S>
std::string statement_sql(const S& statement) {
    if constexpr (statement_text<postgresql, S>::dynamic) return render_runtime<postgresql>(statement);
    else if constexpr (statement_text<postgresql, S>::supported) return std::string(statement_text<postgresql, S>::text);
    else return std::string(statement_text<sqlite, S>::text);  // a SQLite-only feature
}
}  // namespace detail

template <printable_statement S>
std::ostream& operator<<(std::ostream& out, const S& statement) {
    return out << detail::statement_sql(statement);
}

}  // namespace retort

#ifdef __cpp_lib_format
template <retort::printable_statement S>
struct std::formatter<S> : std::formatter<std::string_view> {
    auto format(const S& statement, std::format_context& ctx) const {
        return std::formatter<std::string_view>::format(retort::detail::statement_sql(statement), ctx);
    }
};
#endif
