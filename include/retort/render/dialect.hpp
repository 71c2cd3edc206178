#pragma once
// Dialects are policies: everything PostgreSQL and SQLite spell differently is here.
#include <string_view>

#include <retort/core/dialect_kind.hpp>

namespace retort {

struct postgresql {
    static constexpr dialect_kind kind = dialect_kind::postgresql;
    static constexpr std::string_view name = "postgresql";
    template <class Ctx>
    static constexpr void placeholder(Ctx& ctx, int n) {
        ctx.put('$');
        ctx.put_number(n);
    }
    static constexpr std::string_view true_literal = "true";
    static constexpr std::string_view false_literal = "false";
    static constexpr bool has_ilike = true;
    static constexpr bool has_distinct_on = true;
    static constexpr bool has_for_update = true;
    static constexpr bool has_full_outer_join = true;
    // Most parameters one statement may bind (libpq's protocol limit).
    static constexpr int max_parameters = 65535;
};

struct sqlite {
    static constexpr dialect_kind kind = dialect_kind::sqlite;
    static constexpr std::string_view name = "sqlite";
    template <class Ctx>
    static constexpr void placeholder(Ctx& ctx, int) {
        ctx.put('?');
    }
    static constexpr std::string_view true_literal = "1";
    static constexpr std::string_view false_literal = "0";
    static constexpr bool has_ilike = false;  // rendered as lower(x) LIKE lower(y)
    static constexpr bool has_distinct_on = false;
    static constexpr bool has_for_update = false;
    static constexpr bool has_full_outer_join = true;  // since SQLite 3.39, the minimum retort supports
    // SQLITE_MAX_VARIABLE_NUMBER of SQLite >= 3.32.
    static constexpr int max_parameters = 32766;
};

template <class D>
concept dialect = requires { D::kind; D::name; };

}  // namespace retort
