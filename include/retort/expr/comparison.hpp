#pragma once
// =, <>, <, <=, >, >= between expressions and values. `== null` becomes IS NULL.
#include <retort/core/rule.hpp>
#include <string_view>
#include <type_traits>
#include <utility>

#include <retort/check/type_rules.hpp>
#include <retort/core/expression.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

namespace sql_operator {
struct eq { static constexpr std::string_view sql = " = "; };
struct ne { static constexpr std::string_view sql = " != "; };
struct lt { static constexpr std::string_view sql = " < "; };
struct le { static constexpr std::string_view sql = " <= "; };
struct gt { static constexpr std::string_view sql = " > "; };
struct ge { static constexpr std::string_view sql = " >= "; };
}  // namespace sql_operator

template <class Op, class L, class R>
struct comparison : expr<comparison<Op, L, R>> {
    using sql_type = boolean;
    static constexpr bool nullable = L::nullable || R::nullable;
    using tables = detail::tables_union<L, R>;
    using columns = detail::columns_union<L, R>;
    static constexpr bool aggregate = L::aggregate || R::aggregate;
    static constexpr int precedence = prec::comparison;

    // An aggregate, {{}, left, right}: a constructor would be one more function per
    // comparison type for the compiler's optimizer.
    L left;
    R right;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const comparison* self) {
        // Comparisons do not chain: (a > b) = (c > d) keeps both parentheses.
        detail::render_operand(ctx, detail::member_of(self, &comparison::left), precedence, true);
        ctx.put(Op::sql);
        detail::render_operand(ctx, detail::member_of(self, &comparison::right), precedence, true);
    }
    template <class B>
    constexpr void bind(B& b) const {
        left.bind(b);
        right.bind(b);
    }
};

template <class E>
struct is_null_test;

namespace detail {

// Two operands. Not std::pair: its constrained constructors cost the compiler more than the
// comparison itself, once per pair of operand types.
template <class A, class B>
struct operand_pair {
    A first;
    B second;
};
template <class A, class B>
operand_pair(A, B) -> operand_pair<A, B>;

// Both operands as expressions, after checking they may be compared.
template <class L, class R>
constexpr auto comparison_operands(L&& l, R&& r) {
    using LS = sql_type_of_operand<L, R>;
    using RS = sql_type_of_operand<R, L>;
    // == null and != null become IS [NOT] NULL (compare()); anywhere else (IN, BETWEEN) NULL
    // makes the test unknown: NOT IN (1, NULL) matches no row.
    RETORT_RULE("retort: NULL in IN (...) or BETWEEN makes the test unknown (NOT IN (1, NULL) matches no row); "
                "use .is_null() / .is_not_null()",
                !is_null_value<L> && !is_null_value<R>);
    if constexpr (!expression<L> && !is_null_value<L>) rules::has_sql_type<L>();
    if constexpr (!expression<R> && !is_null_value<R>) rules::has_sql_type<R>();
    constexpr type_category lc = expression<L> ? LS::category : category_of_value<L>;
    constexpr type_category rc = expression<R> ? RS::category : category_of_value<R>;
    rules::comparable<lc, rc>();
    return operand_pair{make_operand<RS>(std::forward<L>(l)), make_operand<LS>(std::forward<R>(r))};
}

template <class Op, class L, class R>
constexpr auto compare(L&& l, R&& r) {
    if constexpr (is_null_value<R> || is_null_value<L>) {
        RETORT_RULE("retort: ordering against NULL is always unknown; use .is_null() / .is_not_null()",
                    std::is_same_v<Op, sql_operator::eq> || std::is_same_v<Op, sql_operator::ne>);
        if constexpr (is_null_value<R>) {
            if constexpr (std::is_same_v<Op, sql_operator::eq>) return l.is_null();
            else return l.is_not_null();
        } else {
            if constexpr (std::is_same_v<Op, sql_operator::eq>) return r.is_null();
            else return r.is_not_null();
        }
    } else {
        auto [left, right] = comparison_operands(std::forward<L>(l), std::forward<R>(r));
        RETORT_RULE("retort: json has no equality or ordering in PostgreSQL; compare a value taken out of it, "
                    "or cast<text>(...) it",
                    decltype(left)::sql_type::category != type_category::json &&
                        decltype(right)::sql_type::category != type_category::json);
        return comparison<Op, decltype(left), decltype(right)>{{}, std::move(left), std::move(right)};
    }
}

template <class L, class R>
concept operands = expression<L> || expression<R>;

}  // namespace detail

template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator==(L&& l, R&& r) {
    return detail::compare<sql_operator::eq>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator!=(L&& l, R&& r) {
    return detail::compare<sql_operator::ne>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator<(L&& l, R&& r) {
    return detail::compare<sql_operator::lt>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator<=(L&& l, R&& r) {
    return detail::compare<sql_operator::le>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator>(L&& l, R&& r) {
    return detail::compare<sql_operator::gt>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator>=(L&& l, R&& r) {
    return detail::compare<sql_operator::ge>(std::forward<L>(l), std::forward<R>(r));
}

}  // namespace retort
