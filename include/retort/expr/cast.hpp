#pragma once
// CAST(x AS type): cast<text>(users.age), cast<integer>(users.code).
#include <retort/core/rule.hpp>
#include <type_traits>

#include <retort/core/expression.hpp>
#include <retort/expr/function.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

template <class SqlType, class E>
struct cast_expression : expr<cast_expression<SqlType, E>> {
    using sql_type = SqlType;
    static constexpr bool nullable = E::nullable;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::primary;
    E operand;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const cast_expression* self) {
        ctx.put("CAST(");
        E::render(ctx, detail::member_of(self, &cast_expression::operand));
        ctx.put(" AS ");
        SqlType::render_ddl(ctx);
        ctx.put(')');
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
    }
};

namespace detail {
// Is there a cast From -> To in PostgreSQL? Every type to and from text (its input and output
// functions), within a kind, between numbers, integer and boolean, and among the dates and
// timestamps; no other (no timestamp to integer, boolean to date, bytea to a number, ...).
template <class From, class To>
consteval bool postgresql_castable() {
    using C = type_category;
    constexpr C from = From::category;
    constexpr C to = To::category;
    if constexpr (from == to || from == C::null || from == C::string || to == C::string) return true;
    else if constexpr (is_number_category<from> && is_number_category<to>) return true;
    else if constexpr (from == C::boolean || to == C::boolean)  // int4 only: no smallint or bigint to boolean
        return std::is_same_v<From, integer> || std::is_same_v<To, integer>;
    else return (from == C::date && to == C::timestamp) || (from == C::timestamp && (to == C::date || to == C::time));
}
}  // namespace detail

template <class SqlType, class E>
constexpr auto cast(E&& e) {
    RETORT_RULE("retort: cast<T>() needs an SQL type: cast<text>(x), cast<integer>(x)",
                sql_type<SqlType>);
    // A plain value is bound as the target type: CAST($1 AS INTEGER).
    auto operand = [&] {
        if constexpr (expression<E>) {
            if constexpr (sql_type<SqlType>)
                RETORT_RULE("retort: PostgreSQL has no cast between these types (such as timestamp to integer or "
                            "boolean to date); convert with a function, or cast to text",
                            detail::postgresql_castable<typename std::remove_cvref_t<E>::sql_type, SqlType>());
            return std::remove_cvref_t<E>(std::forward<E>(e));
        } else {
            rules::has_sql_type<E>();
            return detail::make_operand<SqlType>(std::forward<E>(e));
        }
    }();
    return cast_expression<SqlType, decltype(operand)>{{}, std::move(operand)};
}

}  // namespace retort
