#pragma once
// FROM sources: tables, aliases, joins, derived tables. A source type S provides
//   using tables;            the tables (and aliases) it makes available
//   using nullable_tables;   those whose columns may be NULL (the optional side of an outer join)
//   template <class Ctx> static constexpr void render(Ctx&, const S*);
//   template <class B> constexpr void bind(B&) const;
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>

#include <retort/schema/table.hpp>
#include <retort/stmt/clause.hpp>

namespace retort {

template <class T>
struct table_source : joinable<table_source<T>> {
    using tables = tl::list<T>;
    using nullable_tables = tl::list<>;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const table_source*) {
        T::render_from(ctx);
    }
    template <class B>
    constexpr void bind(B&) const {}
};

namespace detail {
template <class S>
constexpr auto as_from_source(S&& source) {
    if constexpr (table_type<S>) return table_source<std::remove_cvref_t<S>>{};
    else return std::remove_cvref_t<S>(std::forward<S>(source));
}
template <class S>
using from_source_t = decltype(as_from_source(std::declval<S>()));
}  // namespace detail

// An explicit FROM list (select_from).
template <class... Sources>
struct from_clause {
    using tables = tl::unique<tl::concat<typename Sources::tables...>>;
    using nullable_tables = tl::unique<tl::concat<typename Sources::nullable_tables...>>;
    static constexpr bool present = true;
    detail::part_list<Sources...> sources;  // not a std::tuple: cheaper to compile

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const from_clause* self) {
        ctx.put(" FROM ");
        detail::render_list(ctx, detail::member_of(self, &from_clause::sources));
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, sources);
    }
};

// FROM taken from the selected columns, as SQLAlchemy does: exactly their one table.
template <class Tables>
struct inferred_from;
template <class... Ts>
struct inferred_from<tl::list<Ts...>> {
    using tables = tl::list<Ts...>;
    using nullable_tables = tl::list<>;
    static constexpr bool present = false;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const inferred_from*) {
        RETORT_RULE("retort: a subquery's columns are selected but the subquery is not in FROM; use select_from(subquery)",
                    (!requires { Ts::subquery_in_from; } && ...));
        if constexpr (sizeof...(Ts) > 0 && (!requires { Ts::subquery_in_from; } && ...)) {  // no cascade
            ctx.put(" FROM ");
            std::size_t i = 0;
            ((ctx.put(i++ == 0 ? "" : ", "), Ts::render_from(ctx)), ...);
        }
    }
    template <class B>
    constexpr void bind(B&) const {}
};

}  // namespace retort
