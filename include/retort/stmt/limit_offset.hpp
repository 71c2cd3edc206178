#pragma once
// LIMIT and OFFSET, bound as parameters like any value (so one text serves every page).
#include <cstdint>

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

}  // namespace retort
