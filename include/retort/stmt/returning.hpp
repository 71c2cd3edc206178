#pragma once
// RETURNING <columns> for INSERT, UPDATE and DELETE (PostgreSQL; SQLite since 3.35).
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/stmt/clause.hpp>
#include <retort/stmt/select.hpp>

namespace retort {

template <class... Es>
struct returning_clause {
    using tables = tl::unique<tl::concat<typename Es::tables...>>;
    using columns = tl::unique<tl::concat<typename Es::columns...>>;
    static constexpr bool present = true;
    using row_type = row<typename detail::field_of<Es, false>::member...>;
    detail::part_list<Es...> items;  // not a std::tuple: cheaper to compile

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const returning_clause* self) {
        ctx.put(" RETURNING ");
        detail::render_select_items(ctx, detail::member_of(self, &returning_clause::items),
                                    std::index_sequence_for<Es...>{});
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, items);
    }
};

namespace detail {
template <class Items>
struct any_aggregate_item;
template <class... Es>
struct any_aggregate_item<part_list<Es...>> : std::bool_constant<(Es::aggregate || ... || false)> {};

template <class... Es>
constexpr auto returning_of(const part_list<Es...>& items) {
    return returning_clause<Es...>{items};
}

template <class... Args>
constexpr auto make_returning(const Args&... args) {
    RETORT_RULE("retort: returning() needs columns or expressions",
                sizeof...(Args) > 0);
    auto items = select_items(args...);
    RETORT_RULE("retort: aggregate functions are not allowed in RETURNING",
                !any_aggregate_item<decltype(items)>::value);
    return returning_of(items);
}
}  // namespace detail

}  // namespace retort
