#pragma once
// LIMIT and OFFSET, bound as parameters like any value (so one text serves every page).
#include <cstdint>
#include <type_traits>

#include <retort/core/rule.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/stmt/clause.hpp>

namespace retort {

struct limit_clause {
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool present = true;
    static constexpr bool aggregate = false;
    std::int64_t count;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const limit_clause*) {
        ctx.put(" LIMIT ");
        ctx.put_placeholder();
    }
    template <class B>
    constexpr void bind(B& b) const {
        b.template bind<bigint>(count);
    }
};

struct offset_clause {
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool present = true;
    static constexpr bool aggregate = false;
    std::int64_t count;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const offset_clause*) {
        ctx.put(" OFFSET ");
        ctx.put_placeholder();
    }
    template <class B>
    constexpr void bind(B& b) const {
        b.template bind<bigint>(count);
    }
};

namespace detail {
// A row count for LIMIT/OFFSET: an integer (a double would be truncated silently).
template <class N>
constexpr std::int64_t row_count(N n) {
    RETORT_RULE("retort: LIMIT and OFFSET take an integer count of rows, not a floating-point value",
                std::is_integral_v<N> && !std::is_same_v<N, bool>);
    return static_cast<std::int64_t>(n);
}
}  // namespace detail

}  // namespace retort
