#pragma once
// expression.as<"name">(): SELECT ... AS "name", read back as row.get<"name">().
#include <retort/core/expression.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

template <class E, fixed_string Name>
struct labeled : expr<labeled<E, Name>> {
    using sql_type = typename E::sql_type;
    static constexpr bool nullable = E::nullable;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::primary;
    static constexpr auto label = Name;
    using labeled_expression = E;
    E operand;

    constexpr explicit labeled(E e) : operand(std::move(e)) {}

    // In WHERE, HAVING and other expressions the label stands for its expression
    // (PostgreSQL allows output names only in ORDER BY and GROUP BY).
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const labeled* self) {
        E::render(ctx, detail::member_of(self, &labeled::operand));
    }
    // In the select list: <expression> AS "name".
    template <class Ctx>
    static constexpr void render_definition(Ctx& ctx, const labeled* self) {
        E::render(ctx, detail::member_of(self, &labeled::operand));
        ctx.put(" AS ");
        ctx.put_identifier(Name.view());
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
    }
};

template <class D>
template <fixed_string Name>
constexpr auto expr<D>::as() const {
    return labeled<D, Name>(self());
}

}  // namespace retort
