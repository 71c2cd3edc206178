#pragma once
// CAST(x AS type): cast<text>(users.age), cast<integer>(users.code).
#include <retort/core/rule.hpp>
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

template <class SqlType, class E>
constexpr auto cast(E&& e) {
    RETORT_RULE("retort: cast<T>() needs an SQL type: cast<text>(x), cast<integer>(x)",
                sql_type<SqlType>);
    // A plain value is bound as the target type: CAST($1 AS INTEGER).
    auto operand = [&] {
        if constexpr (expression<E>) return std::remove_cvref_t<E>(std::forward<E>(e));
        else {
            rules::has_sql_type<E>();
            return detail::make_operand<SqlType>(std::forward<E>(e));
        }
    }();
    return cast_expression<SqlType, decltype(operand)>{{}, std::move(operand)};
}

}  // namespace retort
