#pragma once
// Aggregate functions: count(x), count() (COUNT(*)), count_distinct(x), sum, avg, min, max.
// Columns inside them need not be grouped; they are not allowed in WHERE.
#include <type_traits>

#include <retort/core/rule.hpp>
#include <retort/expr/function.hpp>

namespace retort {

struct count_star : expr<count_star> {
    using sql_type = bigint;
    static constexpr bool nullable = false;
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool aggregate = true;
    static constexpr int precedence = prec::primary;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const count_star*) {
        ctx.put("count(*)");
    }
    template <class B>
    constexpr void bind(B&) const {}
};

// COUNT(*)
constexpr count_star count() { return {}; }

template <expression E>
constexpr auto count(const E& e) {
    return function_call<"count", bigint, null_rule::never, true, E>(e);
}

template <class E>
struct distinct_of : expr<distinct_of<E>> {
    using sql_type = typename E::sql_type;
    static constexpr bool nullable = E::nullable;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::primary;
    E operand;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const distinct_of* self) {
        ctx.put("DISTINCT ");
        E::render(ctx, detail::member_of(self, &distinct_of::operand));
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
    }
};

// COUNT(DISTINCT x)
template <expression E>
constexpr auto count_distinct(const E& e) {
    return function_call<"count", bigint, null_rule::never, true, distinct_of<E>>(distinct_of<E>{{}, e});
}

namespace detail {
// SUM of smallint or integer is a bigint on both dialects. SUM of a bigint passes 64 bits
// on PostgreSQL, which makes it a NUMERIC: a decimal here, on SQLite too (its sum() of
// integers is an INTEGER, or the error "integer overflow"), so that one statement has
// one row type. Of anything else, that type.
template <class S>
using sum_type = std::conditional_t<std::is_same_v<S, bigint>, numeric<38, 0>,
                                    std::conditional_t<S::category == type_category::integral, bigint, S>>;
}  // namespace detail

// The aggregates below are NULL over no rows.
template <expression E>
constexpr auto sum(const E& e) {
    RETORT_RULE("retort: sum() needs a number",
                detail::is_number_category<E::sql_type::category>);
    return function_call<"sum", detail::sum_type<typename E::sql_type>, null_rule::always, true, E>(e);
}
template <expression E>
constexpr auto avg(const E& e) {
    RETORT_RULE("retort: avg() needs a number",
                detail::is_number_category<E::sql_type::category>);
    return function_call<"avg", double_precision, null_rule::always, true, E>(e);
}
namespace detail {
// min/max need an ordering: PostgreSQL has none for boolean (use bool_and/bool_or) or json.
template <class E>
consteval void check_min_max() {
    RETORT_RULE("retort: min() and max() need an ordered type; boolean and json have no ordering (for booleans use "
                "bool_and/bool_or)",
                E::sql_type::category != type_category::boolean && E::sql_type::category != type_category::json);
}
}  // namespace detail

template <expression E>
constexpr auto min(const E& e) {
    detail::check_min_max<E>();
    return function_call<"min", typename E::sql_type, null_rule::always, true, E>(e);
}
template <expression E>
constexpr auto max(const E& e) {
    detail::check_min_max<E>();
    return function_call<"max", typename E::sql_type, null_rule::always, true, E>(e);
}

}  // namespace retort
