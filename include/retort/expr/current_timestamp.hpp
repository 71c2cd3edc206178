#pragma once
// CURRENT_TIMESTAMP as a TIMESTAMP in UTC on both dialects (SQLite's is UTC already;
// PostgreSQL's is converted, so TIMESTAMP columns hold UTC everywhere).
//   RETORT_COLUMN(created_at, timestamp, server_default(current_timestamp));
//   select(users).where(users.created_at < current_timestamp)
#include <retort/core/expression.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

struct current_timestamp_t : expr<current_timestamp_t> {
    using sql_type = timestamp;
    static constexpr bool nullable = false;
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const current_timestamp_t*) {
        if constexpr (Ctx::dialect::kind == dialect_kind::postgresql) ctx.put("(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')");
        else ctx.put("CURRENT_TIMESTAMP");
    }
    template <class B>
    constexpr void bind(B&) const {}
};
inline constexpr current_timestamp_t current_timestamp{};

}  // namespace retort
