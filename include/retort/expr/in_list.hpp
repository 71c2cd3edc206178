#pragma once
// x IN (a, b, c) with a list whose length is known at compile time (each item a bound
// parameter). Lists of run-time length are in_values() (see dynamic shapes).
#include <retort/core/rule.hpp>
#include <tuple>
#include <utility>

#include <retort/core/bind_all.hpp>
#include <retort/core/part_list.hpp>
#include <retort/expr/comparison.hpp>
#include <retort/expr/in_values.hpp>

namespace retort {

template <class E, bool Negated, class... Items>
struct in_list : expr<in_list<E, Negated, Items...>> {
    RETORT_RULE("retort: IN needs at least one value",
                sizeof...(Items) > 0);
    using sql_type = boolean;
    static constexpr bool nullable = E::nullable || (Items::nullable || ...);
    using tables = detail::tables_union<E, Items...>;
    using columns = detail::columns_union<E, Items...>;
    static constexpr bool aggregate = E::aggregate || (Items::aggregate || ...);
    static constexpr int precedence = prec::comparison;
    E operand;
    detail::part_list<Items...> items;  // not a std::tuple: cheaper to compile
    constexpr in_list(E e, Items... is) : operand(std::move(e)), items{{{std::move(is)}...}} {}

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const in_list* self) {
        detail::render_operand(ctx, detail::member_of(self, &in_list::operand), precedence, true);
        ctx.put(Negated ? " NOT IN (" : " IN (");
        render_items(ctx, self, std::index_sequence_for<Items...>{});
        ctx.put(')');
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
        detail::bind_all(b, items);
    }

private:
    template <class Ctx, std::size_t... I>
    static constexpr void render_items(Ctx& ctx, const in_list* self, std::index_sequence<I...>) {
        ((ctx.put(I == 0 ? "" : ", "),
          tl::at<I, tl::list<Items...>>::render(ctx, self ? &detail::get_part<I>(self->items) : nullptr)),
         ...);
    }
};

namespace detail {
template <bool Negated, class E, class Q>
constexpr auto in_subquery_of(const E& e, const Q& query);

template <class V>
concept runtime_list = requires(const V& v) {
    v.begin();
    v.end();
    typename std::remove_cvref_t<V>::value_type;
} && !std::is_convertible_v<const V&, std::string_view> && !expression<V>;

template <class V>
concept select_query = requires { typename std::remove_cvref_t<V>::items_type; };

template <bool Negated, class E, class... V>
constexpr auto in_list_of(const E& e, V&&... values) {
    RETORT_RULE("retort: IN needs at least one value",
                sizeof...(V) > 0);
    if constexpr (sizeof...(V) == 1 && (select_query<V> && ...)) {
        return in_subquery_of<Negated>(e, values...);
    } else if constexpr (sizeof...(V) == 1 && (runtime_list<V> && ...)) {
        return in_values_of<Negated>(e, std::forward<V>(values)...);
    } else {
        return in_list<E, Negated, decltype(comparison_operands(e, std::forward<V>(values)).second)...>(
            e, comparison_operands(e, std::forward<V>(values)).second...);
    }
}
}  // namespace detail

template <class D>
template <class... V>
constexpr auto expr<D>::in_(V&&... values) const {
    return detail::in_list_of<false>(self(), std::forward<V>(values)...);
}
template <class D>
template <class... V>
constexpr auto expr<D>::not_in(V&&... values) const {
    return detail::in_list_of<true>(self(), std::forward<V>(values)...);
}

}  // namespace retort
