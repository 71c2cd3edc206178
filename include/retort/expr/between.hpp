#pragma once
// x BETWEEN low AND high.
#include <retort/expr/comparison.hpp>

namespace retort {

template <class E, class Low, class High>
struct between_test : expr<between_test<E, Low, High>> {
    using sql_type = boolean;
    static constexpr bool nullable = E::nullable || Low::nullable || High::nullable;
    using tables = detail::tables_union<E, Low, High>;
    using columns = detail::columns_union<E, Low, High>;
    static constexpr bool aggregate = E::aggregate || Low::aggregate || High::aggregate;
    static constexpr int precedence = prec::comparison;
    E operand;
    Low low;
    High high;
    constexpr between_test(E e, Low l, High h) : operand(std::move(e)), low(std::move(l)), high(std::move(h)) {}
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const between_test* self) {
        detail::render_operand(ctx, detail::member_of(self, &between_test::operand), precedence, true);
        ctx.put(" BETWEEN ");
        detail::render_operand(ctx, detail::member_of(self, &between_test::low), precedence, true);
        ctx.put(" AND ");
        detail::render_operand(ctx, detail::member_of(self, &between_test::high), precedence, true);
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
        low.bind(b);
        high.bind(b);
    }
};

template <class D>
template <class A, class B>
constexpr auto expr<D>::between(A&& low, B&& high) const {
    auto [e1, l] = detail::comparison_operands(self(), std::forward<A>(low));
    auto [e2, h] = detail::comparison_operands(self(), std::forward<B>(high));
    (void)e2;
    return between_test<D, decltype(l), decltype(h)>(std::move(e1), std::move(l), std::move(h));
}

}  // namespace retort
