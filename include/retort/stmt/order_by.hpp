#pragma once
// ORDER BY items (expressions default to ASC).
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>

#include <retort/expr/order.hpp>
#include <retort/stmt/clause.hpp>

namespace retort {

template <class... Items>
struct order_by_clause {
    using tables = tl::unique<tl::concat<typename Items::tables...>>;
    using columns = tl::unique<tl::concat<typename Items::columns...>>;
    static constexpr bool present = true;
    static constexpr bool aggregate = (Items::aggregate || ...);
    detail::part_list<Items...> items;  // not a std::tuple: cheaper to compile

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const order_by_clause* self) {
        ctx.put(" ORDER BY ");
        detail::render_list(ctx, detail::member_of(self, &order_by_clause::items));
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, items);
    }
};

namespace detail {
template <class T>
struct is_order_item : std::false_type {};
template <class E, bool D, nulls_order N>
struct is_order_item<order_item<E, D, N>> : std::true_type {};

template <class T>
constexpr auto as_order_item(T&& item) {
    if constexpr (is_order_item<std::remove_cvref_t<T>>::value) {
        return std::remove_cvref_t<T>(std::forward<T>(item));
    } else {
        RETORT_RULE("retort: order_by() takes expressions or x.asc() / x.desc()",
                    expression<T>);
        return item.asc();
    }
}

// order_by() again: the items so far, then the new ones.
template <class... Existing, class... Items>
constexpr auto add_order_by_to(const order_by_clause<Existing...>& current, Items&&... items) {
    return order_by_clause<Existing..., decltype(as_order_item(std::forward<Items>(items)))...>{
        append_parts(current.items, std::index_sequence_for<Existing...>{}, as_order_item(std::forward<Items>(items))...)};
}

template <class Current, class... Items>
constexpr auto add_order_by(const Current& current, Items&&... items) {
    RETORT_RULE("retort: order_by() needs at least one expression",
                sizeof...(Items) > 0);
    if constexpr (!Current::present) {
        return order_by_clause<decltype(as_order_item(std::forward<Items>(items)))...>{
            {{{as_order_item(std::forward<Items>(items))}...}}};
    } else {
        return add_order_by_to(current, std::forward<Items>(items)...);
    }
}
}  // namespace detail

}  // namespace retort
