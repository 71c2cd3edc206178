#pragma once
// x IS NULL, x IS NOT NULL (also what `x == null` and `x != null` become).
#include <retort/core/expression.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

template <class E, bool Negated>
struct null_test : expr<null_test<E, Negated>> {
    using sql_type = boolean;
    static constexpr bool nullable = false;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::comparison;
    E operand;
    constexpr explicit null_test(E e) : operand(std::move(e)) {}
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const null_test* self) {
        detail::render_operand(ctx, detail::member_of(self, &null_test::operand), precedence, true);
        ctx.put(Negated ? " IS NOT NULL" : " IS NULL");
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
    }
};

template <class D>
constexpr auto expr<D>::is_null() const {
    return null_test<D, false>(self());
}
template <class D>
constexpr auto expr<D>::is_not_null() const {
    return null_test<D, true>(self());
}

}  // namespace retort
