#pragma once
// The clauses only SELECT has: DISTINCT, DISTINCT ON, FOR UPDATE / FOR SHARE, WITH.
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>

#include <retort/core/expression.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/stmt/clause.hpp>

namespace retort {

struct distinct_clause {
    static constexpr bool present = true;
    using tables = tl::list<>;
    using columns = tl::list<>;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const distinct_clause*) {
        ctx.put("DISTINCT ");
    }
    template <class B>
    constexpr void bind(B&) const {}
};

// DISTINCT ON (...): PostgreSQL only.
template <class... Es>
struct distinct_on_clause {
    static constexpr bool present = true;
    using tables = tl::unique<tl::concat<typename Es::tables...>>;
    using columns = tl::unique<tl::concat<typename Es::columns...>>;
    detail::part_list<Es...> items;  // not a std::tuple: cheaper to compile
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const distinct_on_clause* self) {
        if constexpr (!Ctx::dialect::has_distinct_on) ctx.unsupported_feature("DISTINCT ON");
        ctx.put("DISTINCT ON (");
        detail::render_list(ctx, detail::member_of(self, &distinct_on_clause::items));
        ctx.put(") ");
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, items);
    }
};

// Row locks: with_for_update(), with_for_update(lock::nowait), with_for_update(lock::skip_locked),
// with_for_share(...).
namespace lock {
struct nowait_t {};
struct skip_locked_t {};
inline constexpr nowait_t nowait{};
inline constexpr skip_locked_t skip_locked{};
}  // namespace lock

// SQLite has no row locks (a write transaction locks the database), so a plain FOR
// UPDATE / FOR SHARE is left out there, as SQLAlchemy does; NOWAIT and SKIP LOCKED cannot
// be honoured and make the statement unsupported on SQLite.
template <bool Share, bool Nowait, bool SkipLocked>
struct lock_clause {
    static constexpr bool present = true;
    using tables = tl::list<>;
    using columns = tl::list<>;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const lock_clause*) {
        if constexpr (!Ctx::dialect::has_for_update) {
            if constexpr (Nowait) ctx.unsupported_feature("FOR UPDATE NOWAIT");
            if constexpr (SkipLocked) ctx.unsupported_feature("FOR UPDATE SKIP LOCKED");
        } else {
            ctx.put(Share ? " FOR SHARE" : " FOR UPDATE");
            if constexpr (Nowait) ctx.put(" NOWAIT");
            if constexpr (SkipLocked) ctx.put(" SKIP LOCKED");
        }
    }
    template <class B>
    constexpr void bind(B&) const {}
};

namespace detail {
template <bool Share, class... Options>
constexpr auto make_lock(Options...) {
    RETORT_RULE("retort: lock options are lock::nowait and lock::skip_locked",
                ((std::is_same_v<Options, lock::nowait_t> || std::is_same_v<Options, lock::skip_locked_t>) && ...));
    constexpr bool nowait = (std::is_same_v<Options, lock::nowait_t> || ...);
    constexpr bool skip = (std::is_same_v<Options, lock::skip_locked_t> || ...);
    RETORT_RULE("retort: NOWAIT and SKIP LOCKED exclude each other",
                !(nowait && skip));
    return lock_clause<Share, nowait, skip>{};
}
}  // namespace detail

}  // namespace retort
