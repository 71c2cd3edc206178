#pragma once
// CASE WHEN ... THEN ... [ELSE ...] END:
//   case_(when(users.age < 18, "minor"), when(users.age < 65, "adult")).else_("senior")
// Every THEN and ELSE must be comparable with the first THEN; the result type is theirs
// unified as PostgreSQL does (integer and double precision give double precision).
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/check/type_rules.hpp>
#include <retort/core/expression.hpp>
#include <retort/expr/function.hpp>
#include <retort/expr/logical.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/schema/unified_type.hpp>

namespace retort {

template <class Condition, class Value>
struct when_clause {
    Condition condition;
    Value value;
};

// when(condition, value): value may be an expression or a plain value.
template <class C, class V>
constexpr auto when(C&& condition, V&& value) {
    RETORT_RULE("retort: when() needs a boolean condition",
                detail::is_condition<C>);
    auto v = detail::function_argument(std::forward<V>(value));
    return when_clause<std::remove_cvref_t<C>, decltype(v)>{std::forward<C>(condition), std::move(v)};
}

namespace detail {
struct no_else {
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool nullable = true;  // no branch matched
    static constexpr bool aggregate = false;
};
template <class Else>
using else_or_none = std::conditional_t<std::is_void_v<Else>, no_else, Else>;

// The type of a CASE: its branches' types unified as PostgreSQL does (unified_type.hpp).
template <class... Types>
struct unify_all;
template <class S>
struct unify_all<S> {
    using type = S;
};
template <class S, class Next, class... Rest>
struct unify_all<S, Next, Rest...> : unify_all<unified_type_t<S, Next>, Rest...> {};
template <class Else>
struct else_types {
    using type = tl::list<typename Else::sql_type>;
};
template <>
struct else_types<no_else> {
    using type = tl::list<>;
};
}  // namespace detail

template <class Else, class... Whens>
struct case_expression : expr<case_expression<Else, Whens...>> {
    using first_value = decltype(std::declval<tl::front<tl::list<Whens...>>>().value);
    // NULL when no branch matches and there is no ELSE, or a branch can be NULL.
    using else_type = detail::else_or_none<Else>;
    // Every THEN's and the ELSE's type, unified: integer and double precision give double precision.
    using sql_type = typename tl::apply<tl::concat<tl::list<typename decltype(std::declval<Whens>().value)::sql_type...>,
                                          typename detail::else_types<else_type>::type>,
                               detail::unify_all>::type;
    static constexpr bool nullable = (decltype(std::declval<Whens>().value)::nullable || ...) || else_type::nullable;
    using tables = tl::unique<tl::concat<typename decltype(std::declval<Whens>().condition)::tables...,
                                         typename decltype(std::declval<Whens>().value)::tables...,
                                         typename else_type::tables>>;
    using columns = tl::unique<tl::concat<typename decltype(std::declval<Whens>().condition)::columns...,
                                          typename decltype(std::declval<Whens>().value)::columns...,
                                          typename else_type::columns>>;
    static constexpr bool aggregate = (decltype(std::declval<Whens>().condition)::aggregate || ...) ||
                                      (decltype(std::declval<Whens>().value)::aggregate || ...) || else_type::aggregate;
    static constexpr int precedence = prec::primary;

    std::tuple<Whens...> whens;
    else_type otherwise{};

    // ELSE value.
    template <class V>
    constexpr auto else_(V&& value) const {
        RETORT_RULE("retort: else_() given twice",
                    std::is_void_v<Else>);
        auto v = detail::operand_like<typename first_value::sql_type>(std::forward<V>(value));
        return case_expression<decltype(v), Whens...>{{}, whens, std::move(v)};
    }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const case_expression* self) {
        ctx.put("CASE");
        render_whens(ctx, self ? &self->whens : nullptr, std::index_sequence_for<Whens...>{});
        if constexpr (!std::is_void_v<Else>) {
            ctx.put(" ELSE ");
            Else::render(ctx, self ? &self->otherwise : nullptr);
        }
        ctx.put(" END");
    }
    template <class B>
    constexpr void bind(B& b) const {
        std::apply([&](const auto&... w) { ((w.condition.bind(b), w.value.bind(b)), ...); }, whens);
        if constexpr (!std::is_void_v<Else>) otherwise.bind(b);
    }

private:
    template <class Ctx, class Tuple, std::size_t... I>
    static constexpr void render_whens(Ctx& ctx, const Tuple* w, std::index_sequence<I...>) {
        ((ctx.put(" WHEN "),
          decltype(std::tuple_element_t<I, Tuple>::condition)::render(ctx, w ? &std::get<I>(*w).condition : nullptr),
          ctx.put(" THEN "),
          decltype(std::tuple_element_t<I, Tuple>::value)::render(ctx, w ? &std::get<I>(*w).value : nullptr)),
         ...);
    }
};

template <class... Whens>
constexpr auto case_(Whens... whens) {
    RETORT_RULE("retort: case_() needs at least one when(condition, value)",
                sizeof...(Whens) > 0);
    using first = decltype(std::declval<tl::front<tl::list<Whens...>>>().value);
    (rules::comparable<first::sql_type::category, decltype(whens.value)::sql_type::category>(), ...);
    return case_expression<void, Whens...>{{}, {whens...}};
}

}  // namespace retort
