#pragma once
// LIKE / ILIKE on text. SQLite has no ILIKE: it gets lower(x) LIKE lower(y), as in SQLAlchemy.
// .escape('\\') names the character that makes a following % or _ literal, the same on both
// dialects (PostgreSQL's default is a backslash, SQLite has none):
//   products.name.like("100\\%%").escape('\\')     LIKE $1 ESCAPE $2
#include <retort/core/rule.hpp>
#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <retort/check/type_rules.hpp>
#include <retort/core/expression.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

namespace detail {
// Every char as a one-character string of static storage (a statement keeps views of them).
// By a pack expansion: a loop filling the array cost g++ some 40 million instructions of
// constant evaluation in every unit.
template <std::size_t... I>
constexpr std::array<char, sizeof...(I)> every_char(std::index_sequence<I...>) {
    return {{static_cast<char>(I)...}};
}
inline constexpr std::array<char, 256> single_characters = every_char(std::make_index_sequence<256>{});
constexpr std::string_view single_character(char c) { return {&single_characters[static_cast<unsigned char>(c)], 1}; }
}  // namespace detail

// No ESCAPE clause.
struct no_escape {
    template <class B>
    constexpr void bind(B&) const {}
};

template <class E, class P, bool CaseInsensitive, bool Negated, class Escape = no_escape>
struct like_test : expr<like_test<E, P, CaseInsensitive, Negated, Escape>> {
    using sql_type = boolean;
    static constexpr bool nullable = E::nullable || P::nullable;
    using tables = detail::tables_union<E, P>;
    using columns = detail::columns_union<E, P>;
    static constexpr bool aggregate = E::aggregate || P::aggregate;
    static constexpr int precedence = prec::comparison;
    E operand;
    P pattern;
    Escape escape_character;
    constexpr like_test(E e, P p, Escape esc = {})
        : operand(std::move(e)), pattern(std::move(p)), escape_character(std::move(esc)) {}

    // ... ESCAPE 'c': c before % or _ in the pattern makes it literal.
    constexpr auto escape(char c) const {
        RETORT_RULE("retort: escape() is given once per LIKE",
                    std::is_same_v<Escape, no_escape>);
        auto esc = detail::make_operand<text>(detail::single_character(c));
        return like_test<E, P, CaseInsensitive, Negated, decltype(esc)>(operand, pattern, std::move(esc));
    }

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
        if constexpr (!std::is_same_v<Escape, no_escape>) {
            ctx.put(" ESCAPE ");
            Escape::render(ctx, detail::member_of(self, &like_test::escape_character));
        }
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
        pattern.bind(b);
        escape_character.bind(b);
    }
};

namespace detail {
template <bool CaseInsensitive, bool Negated, class E, class P>
constexpr auto like_of(const E& e, P&& pattern) {
    if constexpr (CaseInsensitive)
        RETORT_RULE("retort: ILIKE needs a text expression",
                    E::sql_type::category == type_category::string);
    else
        RETORT_RULE("retort: LIKE needs a text expression",
                    E::sql_type::category == type_category::string);
    if constexpr (!expression<P>) {
        rules::has_sql_type<P>();
        RETORT_RULE("retort: a LIKE pattern must be text",
                    category_of_value<P> == type_category::string);
    } else {
        RETORT_RULE("retort: a LIKE pattern must be text",
                    std::remove_cvref_t<P>::sql_type::category == type_category::string);
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
