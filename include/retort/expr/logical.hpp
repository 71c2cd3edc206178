#pragma once
// AND, OR, NOT over boolean conditions: a && b, a || b, !a, and_(...), or_(...), not_(a).
#include <retort/core/rule.hpp>
#include <string_view>
#include <type_traits>
#include <utility>

#include <retort/core/expression.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

namespace sql_operator {
struct and_ { static constexpr std::string_view sql = " AND "; static constexpr int precedence = prec::and_; };
struct or_ { static constexpr std::string_view sql = " OR "; static constexpr int precedence = prec::or_; };
}  // namespace sql_operator

namespace detail {
template <class E>
inline constexpr bool is_condition =
    expression<E> && (std::remove_cvref_t<E>::sql_type::category == type_category::boolean);
}  // namespace detail

// Built by aggregate initialization where it is used (&&, ||, and_, or_): a function to build
// it would be one more per pair of operand types for the compiler to make.
template <class Op, class L, class R>
struct logical : expr<logical<Op, L, R>> {
    RETORT_RULE("retort: AND/OR need boolean conditions on both sides (a comparison, a boolean column...)",
                detail::is_condition<L> && detail::is_condition<R>);
    using sql_type = boolean;
    static constexpr bool nullable = L::nullable || R::nullable;
    using tables = detail::tables_union<L, R>;
    using columns = detail::columns_union<L, R>;
    static constexpr bool aggregate = L::aggregate || R::aggregate;
    static constexpr int precedence = Op::precedence;

    L left;  // an aggregate, as comparison
    R right;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const logical* self) {
        detail::render_operand(ctx, detail::member_of(self, &logical::left), precedence);
        ctx.put(Op::sql);
        detail::render_operand(ctx, detail::member_of(self, &logical::right), precedence, true);
    }
    template <class B>
    constexpr void bind(B& b) const {
        left.bind(b);
        right.bind(b);
    }
};

template <class E>
struct logical_not : expr<logical_not<E>> {
    using sql_type = boolean;
    static constexpr bool nullable = E::nullable;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::not_;
    E operand;
    constexpr explicit logical_not(E e) : operand(std::move(e)) {}
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const logical_not* self) {
        ctx.put("NOT ");
        detail::render_operand(ctx, detail::member_of(self, &logical_not::operand), precedence);
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
    }
};

template <expression L, expression R>
constexpr auto operator&&(L&& l, R&& r) {
    return logical<sql_operator::and_, std::remove_cvref_t<L>, std::remove_cvref_t<R>>{
        {}, std::forward<L>(l), std::forward<R>(r)};
}
template <expression L, expression R>
constexpr auto operator||(L&& l, R&& r) {
    return logical<sql_operator::or_, std::remove_cvref_t<L>, std::remove_cvref_t<R>>{
        {}, std::forward<L>(l), std::forward<R>(r)};
}
template <expression E>
constexpr auto operator!(E&& e) {
    RETORT_RULE("retort: NOT needs a boolean condition",
                detail::is_condition<E>);
    return logical_not<std::remove_cvref_t<E>>(std::forward<E>(e));
}

namespace detail {
template <class Op, class Acc, class E, class... Es>
constexpr auto fold_rest(Acc&& acc, E&& next, Es&&... rest) {
    auto combined = logical<Op, std::remove_cvref_t<Acc>, std::remove_cvref_t<E>>{
        {}, std::forward<Acc>(acc), std::forward<E>(next)};
    if constexpr (sizeof...(Es) == 0) return combined;
    else return fold_rest<Op>(std::move(combined), std::forward<Es>(rest)...);
}
// Folds left, so and_(a, b, c) renders a AND b AND c.
template <class Op, class E, class... Es>
constexpr auto logical_fold(E&& first, Es&&... rest) {
    RETORT_RULE("retort: AND/OR need boolean conditions on both sides (a comparison, a boolean column...)",
                is_condition<E>);
    if constexpr (sizeof...(Es) == 0) return std::remove_cvref_t<E>(std::forward<E>(first));
    else return fold_rest<Op>(std::remove_cvref_t<E>(std::forward<E>(first)), std::forward<Es>(rest)...);
}
}  // namespace detail

// SQLAlchemy's and_(), or_(), not_().
template <expression E, expression... Es>
constexpr auto and_(E&& first, Es&&... rest) {
    return detail::logical_fold<sql_operator::and_>(std::forward<E>(first), std::forward<Es>(rest)...);
}
template <expression E, expression... Es>
constexpr auto or_(E&& first, Es&&... rest) {
    return detail::logical_fold<sql_operator::or_>(std::forward<E>(first), std::forward<Es>(rest)...);
}
template <expression E>
constexpr auto not_(E&& e) {
    return !std::forward<E>(e);
}

}  // namespace retort
