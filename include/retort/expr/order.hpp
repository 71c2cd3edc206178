#pragma once
// ORDER BY items: x.asc(), x.desc(), with .nulls_first() / .nulls_last().
#include <retort/core/expression.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

enum class nulls_order : unsigned char { unspecified, first, last };

template <class E, bool Descending, nulls_order Nulls = nulls_order::unspecified>
struct order_item {
    using expression_type = E;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    E operand;

    constexpr auto nulls_first() const { return order_item<E, Descending, nulls_order::first>{operand}; }
    constexpr auto nulls_last() const { return order_item<E, Descending, nulls_order::last>{operand}; }

    // A labeled expression is ordered by its name: ORDER BY "post_count" DESC.
    static constexpr bool by_label = requires { E::label; };

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const order_item* self) {
        if constexpr (by_label) ctx.put_identifier(E::label.view());
        else E::render(ctx, detail::member_of(self, &order_item::operand));
        ctx.put(Descending ? " DESC" : " ASC");
        if constexpr (Nulls == nulls_order::first) ctx.put(" NULLS FIRST");
        else if constexpr (Nulls == nulls_order::last) ctx.put(" NULLS LAST");
    }
    template <class B>
    constexpr void bind(B& b) const {
        if constexpr (!by_label) operand.bind(b);
    }
};

template <class D>
constexpr auto expr<D>::asc() const {
    return order_item<D, false>{self()};
}
template <class D>
constexpr auto expr<D>::desc() const {
    return order_item<D, true>{self()};
}

// SQLAlchemy's asc(x) / desc(x).
template <expression E>
constexpr auto asc(const E& e) {
    return e.asc();
}
template <expression E>
constexpr auto desc(const E& e) {
    return e.desc();
}

}  // namespace retort
