#pragma once
// SQL function calls: lower, upper, length, abs, round, coalesce, concat, and any named
// function with a declared return type:  func<"date_trunc", timestamp>("day", posts.created_at)
#include <retort/core/rule.hpp>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/check/type_rules.hpp>
#include <retort/core/bind_all.hpp>
#include <retort/core/part_list.hpp>
#include <retort/core/expression.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

// When a call's result can be NULL.
enum class null_rule : unsigned char {
    any_argument,   // NULL in, NULL out (lower, abs, ...)
    all_arguments,  // NULL only when every argument is (coalesce)
    always,         // may be NULL whatever the arguments (max over no rows, unknown functions)
    never           // count
};

template <fixed_string Name, class SqlType, null_rule Nulls, bool Aggregate, class... Args>
struct function_call : expr<function_call<Name, SqlType, Nulls, Aggregate, Args...>> {
    using sql_type = SqlType;
    static constexpr bool nullable = Nulls == null_rule::always ||
                                     (Nulls == null_rule::any_argument && (Args::nullable || ... || false)) ||
                                     (Nulls == null_rule::all_arguments && (Args::nullable && ... && true));
    using tables = detail::tables_union<Args...>;
    // Inside an aggregate, columns need not be grouped.
    using columns = std::conditional_t<Aggregate, tl::list<>, detail::columns_union<Args...>>;
    static constexpr bool aggregate = Aggregate || (Args::aggregate || ... || false);
    RETORT_RULE("retort: aggregate function calls cannot be nested (sum(count(...))); aggregate in a subquery",
                !(Aggregate && (Args::aggregate || ... || false)));
    static constexpr int precedence = prec::primary;
    detail::part_list<Args...> args;

    constexpr explicit function_call(Args... a) : args{{{std::move(a)}...}} {}

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const function_call* self) {
        ctx.put(Name.view());
        ctx.put('(');
        render_args(ctx, self ? &self->args : nullptr, std::index_sequence_for<Args...>{});
        ctx.put(')');
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, args);
    }

private:
    template <class Ctx, class Tuple, std::size_t... I>
    static constexpr void render_args([[maybe_unused]] Ctx& ctx, [[maybe_unused]] const Tuple* a,
                                      std::index_sequence<I...>) {
        ((ctx.put(I == 0 ? "" : ", "), std::tuple_element_t<I, Tuple>::render(ctx, a ? &detail::get_part<I>(*a) : nullptr)),
         ...);
    }
};

namespace detail {

// The SQL type a plain C++ value stands for, where no column gives one.
template <class V>
consteval auto natural_sql_type() {
    constexpr auto c = category_of_value<V>;
    if constexpr (c == type_category::integral) return bigint{};
    else if constexpr (c == type_category::floating) return double_precision{};
    else if constexpr (c == type_category::boolean) return boolean{};
    else if constexpr (c == type_category::numeric) return numeric<38, 10>{};
    else if constexpr (c == type_category::date) return date{};
    else if constexpr (c == type_category::timestamp) return timestamp{};
    else if constexpr (c == type_category::time) return time_of_day{};
    else if constexpr (c == type_category::blob) return blob{};
    else if constexpr (c == type_category::json) return json{};
    else return text{};
}

// A function argument: an expression, or a value bound as its natural SQL type.
template <class V>
constexpr auto function_argument(V&& v) {
    if constexpr (expression<V>) {
        return std::remove_cvref_t<V>(std::forward<V>(v));
    } else {
        rules::has_sql_type<V>();
        return make_typed_operand<decltype(natural_sql_type<V>())>(std::forward<V>(v));
    }
}
template <class V>
using function_argument_t = decltype(function_argument(std::declval<V>()));

// An operand that must be comparable with SQL type S (coalesce's fallbacks).
template <class S, class V>
constexpr auto operand_like(V&& v) {
    if constexpr (expression<V>) rules::comparable<S::category, std::remove_cvref_t<V>::sql_type::category>();
    else if constexpr (!is_null_value<V>) {
        rules::has_sql_type<V>();
        rules::comparable<S::category, category_of_value<V>>();
    }
    return make_operand<S>(std::forward<V>(v));
}

}  // namespace detail

// Any SQL function, with the SQL type it returns (its result may be NULL).
template <fixed_string Name, class SqlType, class... Args>
constexpr auto func(Args&&... args) {
    return function_call<Name, SqlType, null_rule::always, false, detail::function_argument_t<Args>...>(
        detail::function_argument(std::forward<Args>(args))...);
}

template <expression E>
constexpr auto lower(const E& e) {
    RETORT_RULE("retort: lower() needs text",
                E::sql_type::category == type_category::string);
    return function_call<"lower", text, null_rule::any_argument, false, E>(e);
}
template <expression E>
constexpr auto upper(const E& e) {
    RETORT_RULE("retort: upper() needs text",
                E::sql_type::category == type_category::string);
    return function_call<"upper", text, null_rule::any_argument, false, E>(e);
}
template <expression E>
constexpr auto length(const E& e) {
    RETORT_RULE("retort: length() needs text or a blob",
                E::sql_type::category == type_category::string || E::sql_type::category == type_category::blob);
    return function_call<"length", integer, null_rule::any_argument, false, E>(e);
}
template <expression E>
constexpr auto abs(const E& e) {
    RETORT_RULE("retort: abs() needs a number",
                detail::is_number_category<E::sql_type::category>);
    return function_call<"abs", typename E::sql_type, null_rule::any_argument, false, E>(e);
}

// coalesce(a, b, ...): the first argument that is not NULL.
template <expression E, class... Rest>
constexpr auto coalesce(const E& first, Rest&&... rest) {
    RETORT_RULE("retort: coalesce() needs at least two arguments",
                sizeof...(Rest) > 0);
    using S = typename E::sql_type;
    return function_call<"coalesce", S, null_rule::all_arguments, false, E,
                         decltype(detail::operand_like<S>(std::forward<Rest>(rest)))...>(
        first, detail::operand_like<S>(std::forward<Rest>(rest))...);
}

// round(x) and round(x, digits). PostgreSQL rounds to digits only NUMERIC values, so
// other numbers are cast there.
template <class E, class Digits>
struct round_call : expr<round_call<E, Digits>> {
    using sql_type = std::conditional_t<std::is_void_v<Digits>, typename E::sql_type,
                                        std::conditional_t<E::sql_type::category == type_category::numeric,
                                                           typename E::sql_type, double_precision>>;
    static constexpr bool nullable = E::nullable;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::primary;
    E operand;
    int digits = 0;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const round_call* self) {
        constexpr bool with_digits = !std::is_void_v<Digits>;
        constexpr bool cast = with_digits && Ctx::dialect::kind == dialect_kind::postgresql &&
                              E::sql_type::category != type_category::numeric;
        if constexpr (cast) ctx.put("CAST(");
        ctx.put("round(");
        if constexpr (cast) ctx.put("CAST(");
        E::render(ctx, detail::member_of(self, &round_call::operand));
        if constexpr (cast) ctx.put(" AS NUMERIC)");
        if constexpr (with_digits) {
            ctx.put(", ");
            ctx.put_placeholder();
        }
        ctx.put(')');
        if constexpr (cast) ctx.put(" AS DOUBLE PRECISION)");
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
        if constexpr (!std::is_void_v<Digits>) b.template bind<integer>(digits);
    }
};

template <expression E>
constexpr auto round(const E& e) {
    RETORT_RULE("retort: round() needs a number",
                detail::is_number_category<E::sql_type::category>);
    return round_call<E, void>{{}, e, 0};
}
template <expression E>
constexpr auto round(const E& e, int digits) {
    RETORT_RULE("retort: round() needs a number",
                detail::is_number_category<E::sql_type::category>);
    return round_call<E, int>{{}, e, digits};
}

namespace detail {
template <class V>
consteval bool text_operand() {
    if constexpr (expression<V>) return std::remove_cvref_t<V>::sql_type::category == type_category::string;
    else return category_of_value<V> == type_category::string;
}
template <class V>
inline constexpr bool is_text_operand = text_operand<V>();
}  // namespace detail

// concat(a, b, ...) as a || b || ...: text, NULL when a part is NULL (on both dialects).
template <class... Parts>
struct concat_call : expr<concat_call<Parts...>> {
    using sql_type = text;
    static constexpr bool nullable = (Parts::nullable || ...);
    using tables = detail::tables_union<Parts...>;
    using columns = detail::columns_union<Parts...>;
    static constexpr bool aggregate = (Parts::aggregate || ...);
    static constexpr int precedence = prec::additive;
    std::tuple<Parts...> parts;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const concat_call* self) {
        render_parts(ctx, self ? &self->parts : nullptr, std::index_sequence_for<Parts...>{});
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, parts);
    }

private:
    template <class Ctx, class Tuple, std::size_t... I>
    static constexpr void render_parts(Ctx& ctx, const Tuple* p, std::index_sequence<I...>) {
        ((ctx.put(I == 0 ? "" : " || "),
          detail::render_operand(ctx, p ? &std::get<I>(*p) : nullptr, precedence, I > 0)),
         ...);
    }
};

template <class... Parts>
constexpr auto concat(Parts&&... parts) {
    RETORT_RULE("retort: concat() needs at least two parts",
                sizeof...(Parts) >= 2);
    RETORT_RULE("retort: concat() joins text; cast other values with cast<text>(...)",
                (detail::is_text_operand<Parts> && ...));
    return concat_call<decltype(detail::make_operand<text>(std::forward<Parts>(parts)))...>{
        {}, {detail::make_operand<text>(std::forward<Parts>(parts))...}};
}

}  // namespace retort
