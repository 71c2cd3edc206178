#pragma once
// +, -, *, /, % on numbers (and unary minus). Text has concat(), not +.
#include <retort/core/rule.hpp>
#include <string_view>
#include <type_traits>
#include <utility>

#include <retort/expr/comparison.hpp>

namespace retort {

namespace sql_operator {
struct add { static constexpr std::string_view sql = " + "; static constexpr int precedence = prec::additive; };
struct sub { static constexpr std::string_view sql = " - "; static constexpr int precedence = prec::additive; };
struct mul { static constexpr std::string_view sql = " * "; static constexpr int precedence = prec::multiplicative; };
struct div { static constexpr std::string_view sql = " / "; static constexpr int precedence = prec::multiplicative; };
struct mod { static constexpr std::string_view sql = " % "; static constexpr int precedence = prec::multiplicative; };
}  // namespace sql_operator

namespace detail {
// The type of a + b: the wider integer, else double precision, else numeric.
template <class A, class B>
consteval auto arithmetic_result() {
    constexpr auto a = A::category, b = B::category;
    if constexpr (a == type_category::null) return B{};
    else if constexpr (b == type_category::null) return A{};
    else if constexpr (a == type_category::numeric) return A{};
    else if constexpr (b == type_category::numeric) return B{};
    else if constexpr (a == type_category::floating || b == type_category::floating) return double_precision{};
    else if constexpr (std::is_same_v<A, bigint> || std::is_same_v<B, bigint>) return bigint{};
    else if constexpr (std::is_same_v<A, integer> || std::is_same_v<B, integer>) return integer{};
    else return A{};
}
}  // namespace detail

template <class Op, class L, class R>
struct arithmetic : expr<arithmetic<Op, L, R>> {
    using sql_type = decltype(detail::arithmetic_result<typename L::sql_type, typename R::sql_type>());
    // Division by zero is NULL on SQLite (an error on PostgreSQL).
    static constexpr bool nullable = L::nullable || R::nullable || std::is_same_v<Op, sql_operator::div>;
    using tables = detail::tables_union<L, R>;
    using columns = detail::columns_union<L, R>;
    static constexpr bool aggregate = L::aggregate || R::aggregate;
    static constexpr int precedence = Op::precedence;

    L left;
    R right;

    constexpr arithmetic(L l, R r) : left(std::move(l)), right(std::move(r)) {}

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const arithmetic* self) {
        detail::render_operand(ctx, detail::member_of(self, &arithmetic::left), precedence);
        ctx.put(Op::sql);
        detail::render_operand(ctx, detail::member_of(self, &arithmetic::right), precedence, true);
    }
    template <class B>
    constexpr void bind(B& b) const {
        left.bind(b);
        right.bind(b);
    }
};

template <class E>
struct negation : expr<negation<E>> {
    using sql_type = typename E::sql_type;
    static constexpr bool nullable = E::nullable;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::unary;
    E operand;
    constexpr explicit negation(E e) : operand(std::move(e)) {}
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const negation* self) {
        ctx.put('-');
        detail::render_operand(ctx, detail::member_of(self, &negation::operand), precedence, true);
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
    }
};

namespace detail {
template <class Op, class L, class R>
constexpr auto arithmetic_of(L&& l, R&& r) {
    using LS = sql_type_of_operand<L, R>;
    using RS = sql_type_of_operand<R, L>;
    if constexpr (!expression<L>) rules::has_sql_type<L>();
    if constexpr (!expression<R>) rules::has_sql_type<R>();
    constexpr type_category lc = expression<L> ? LS::category : category_of_value<L>;
    constexpr type_category rc = expression<R> ? RS::category : category_of_value<R>;
    RETORT_RULE("retort: arithmetic on text; use concat(a, b) to join strings",
                !(lc == type_category::string || rc == type_category::string));
    RETORT_RULE("retort: arithmetic needs numbers on both sides (integer, real, numeric)",
                (is_number_category<lc> || lc == type_category::null) &&
                      (is_number_category<rc> || rc == type_category::null));
    RETORT_RULE("retort: % (modulo) needs integers on both sides",
                !std::is_same_v<Op, sql_operator::mod> || (lc == type_category::integral && rc == type_category::integral));
    auto left = make_operand<RS>(std::forward<L>(l));
    auto right = make_operand<LS>(std::forward<R>(r));
    return arithmetic<Op, decltype(left), decltype(right)>(std::move(left), std::move(right));
}
}  // namespace detail

template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator+(L&& l, R&& r) {
    return detail::arithmetic_of<sql_operator::add>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator-(L&& l, R&& r) {
    return detail::arithmetic_of<sql_operator::sub>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator*(L&& l, R&& r) {
    return detail::arithmetic_of<sql_operator::mul>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator/(L&& l, R&& r) {
    return detail::arithmetic_of<sql_operator::div>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator%(L&& l, R&& r) {
    return detail::arithmetic_of<sql_operator::mod>(std::forward<L>(l), std::forward<R>(r));
}
template <expression E>
constexpr auto operator-(E&& e) {
    using T = std::remove_cvref_t<E>;
    RETORT_RULE("retort: unary minus needs a number",
                detail::is_number_category<T::sql_type::category>);
    return negation<T>(std::forward<E>(e));
}

}  // namespace retort
