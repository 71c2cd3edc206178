#pragma once
// LIKE / ILIKE on text. SQLite has no ILIKE: it gets lower(x) LIKE lower(y), as in SQLAlchemy.
#include <retort/check/type_rules.hpp>
#include <retort/core/expression.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

template <class E, class P, bool CaseInsensitive, bool Negated>
struct like_test : expr<like_test<E, P, CaseInsensitive, Negated>> {
    using sql_type = boolean;
    static constexpr bool nullable = E::nullable || P::nullable;
    using tables = detail::tables_union<E, P>;
    using columns = detail::columns_union<E, P>;
    static constexpr bool aggregate = E::aggregate || P::aggregate;
    static constexpr int precedence = prec::comparison;
    E operand;
    P pattern;
    constexpr like_test(E e, P p) : operand(std::move(e)), pattern(std::move(p)) {}

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const like_test* self) {
        constexpr bool emulate = CaseInsensitive && !Ctx::dialect::has_ilike;
        if constexpr (emulate) {
            ctx.put("lower(");
            E::render(ctx, detail::member_of(self, &like_test::operand));
            ctx.put(')');
        } else {
            detail::render_operand(ctx, detail::member_of(self, &like_test::operand), precedence, true);
        }
        if constexpr (Negated) ctx.put(" NOT");
        ctx.put(CaseInsensitive && !emulate ? " ILIKE " : " LIKE ");
        if constexpr (emulate) {
            ctx.put("lower(");
            P::render(ctx, detail::member_of(self, &like_test::pattern));
            ctx.put(')');
        } else {
            detail::render_operand(ctx, detail::member_of(self, &like_test::pattern), precedence, true);
        }
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
        pattern.bind(b);
    }
};

namespace detail {
template <bool CaseInsensitive, bool Negated, class E, class P>
constexpr auto like_of(const E& e, P&& pattern) {
    if constexpr (CaseInsensitive)
        static_assert(E::sql_type::category == type_category::string, "retort: ILIKE needs a text expression");
    else
        static_assert(E::sql_type::category == type_category::string, "retort: LIKE needs a text expression");
    if constexpr (!expression<P>) {
        rules::has_sql_type<P>();
        static_assert(category_of_value<P> == type_category::string, "retort: a LIKE pattern must be text");
    } else {
        static_assert(std::remove_cvref_t<P>::sql_type::category == type_category::string,
                      "retort: a LIKE pattern must be text");
    }
    auto p = make_operand<text>(std::forward<P>(pattern));
    return like_test<E, decltype(p), CaseInsensitive, Negated>(e, std::move(p));
}
}  // namespace detail

template <class D>
template <class P>
constexpr auto expr<D>::like(P&& pattern) const {
    return detail::like_of<false, false>(self(), std::forward<P>(pattern));
}
template <class D>
template <class P>
constexpr auto expr<D>::not_like(P&& pattern) const {
    return detail::like_of<false, true>(self(), std::forward<P>(pattern));
}
template <class D>
template <class P>
constexpr auto expr<D>::ilike(P&& pattern) const {
    return detail::like_of<true, false>(self(), std::forward<P>(pattern));
}
template <class D>
template <class P>
constexpr auto expr<D>::not_ilike(P&& pattern) const {
    return detail::like_of<true, true>(self(), std::forward<P>(pattern));
}

}  // namespace retort
