#pragma once
// GROUP BY expressions, HAVING condition.
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>

#include <retort/core/expression.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/stmt/clause.hpp>

namespace retort {

template <class... Es>
struct group_by_clause {
    using tables = tl::unique<tl::concat<typename Es::tables...>>;
    using columns = tl::unique<tl::concat<typename Es::columns...>>;
    using expressions = tl::list<Es...>;
    static constexpr bool present = true;
    static constexpr bool aggregate = (Es::aggregate || ...);
    detail::part_list<Es...> items;  // not a std::tuple: cheaper to compile

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const group_by_clause* self) {
        ctx.put(" GROUP BY ");
        detail::render_list(ctx, detail::member_of(self, &group_by_clause::items));
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, items);
    }
};

template <class E>
struct having_clause {
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool present = true;
    static constexpr bool aggregate = E::aggregate;
    using condition_type = E;
    E condition;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const having_clause* self) {
        ctx.put(" HAVING ");
        E::render(ctx, detail::member_of(self, &having_clause::condition));
    }
    template <class B>
    constexpr void bind(B& b) const {
        condition.bind(b);
    }
};

namespace detail {
template <class... Es>
constexpr auto make_group_by(Es&&... es) {
    RETORT_RULE("retort: group_by() needs at least one expression",
                sizeof...(Es) > 0);
    RETORT_RULE("retort: group_by() takes columns or expressions",
                (expression<Es> && ...));
    RETORT_RULE("retort: aggregate functions are not allowed in GROUP BY",
                (!std::remove_cvref_t<Es>::aggregate && ...));
    return group_by_clause<std::remove_cvref_t<Es>...>{{{{std::forward<Es>(es)}...}}};
}
template <class E>
constexpr auto make_having(E&& condition) {
    RETORT_RULE("retort: having() needs an SQL condition, such as count(posts.id) > 5",
                expression<E>);
    RETORT_RULE("retort: HAVING needs a boolean condition",
                std::remove_cvref_t<E>::sql_type::category == type_category::boolean);
    return having_clause<std::remove_cvref_t<E>>{std::forward<E>(condition)};
}
}  // namespace detail

}  // namespace retort
