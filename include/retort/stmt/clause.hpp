#pragma once
// Pieces shared by the statements: the empty clause, and replacing one part of a
// statement's tuple of clauses (each builder call returns a new statement type).
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/core/bind_all.hpp>
#include <retort/core/part_list.hpp>
#include <retort/core/type_list.hpp>

namespace retort {

// A clause the statement does not have.
struct no_clause {
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool present = false;
    static constexpr bool aggregate = false;
    template <class Ctx>
    static constexpr void render(Ctx&, const no_clause*) {}
    template <class B>
    constexpr void bind(B&) const {}
};

namespace detail {

// The rows a clause (RETURNING) produces; void when the clause is absent.
template <class Clause, bool Present = Clause::present>
struct rows_of {
    using type = void;
};
template <class Clause>
struct rows_of<Clause, true> {
    using type = typename Clause::row_type;
};

template <bool Replaced>
struct kept_or_replaced {  // the old part
    template <class Old, class New>
    static constexpr const Old& pick(const Old& old, New&&) { return old; }
};
template <>
struct kept_or_replaced<true> {
    template <class Old, class New>
    static constexpr New&& pick(const Old&, New&& replacement) { return std::forward<New>(replacement); }
};
template <std::size_t I, class New, class... Ts, std::size_t... J>
constexpr auto replace_at(const part_list<Ts...>& parts, New&& replacement, std::index_sequence<J...>) {
    using result = part_list<std::conditional_t<J == I, std::remove_cvref_t<New>, Ts>...>;
    // Each part by a cast to its base: get_part<J> deduced its type against every base, for
    // every part (a tenth of clang's front-end time on selects).
    return result{{{kept_or_replaced<J == I>::pick(static_cast<const indexed_part<J, Ts>&>(parts).value,
                                                   std::forward<New>(replacement))}...}};
}
// parts with part I replaced (its type may change).
template <std::size_t I, class New, class... Ts>
constexpr auto replace_at(const part_list<Ts...>& parts, New&& replacement) {
    return replace_at<I>(parts, std::forward<New>(replacement), std::index_sequence_for<Ts...>{});
}

// parts with `more` appended.
template <class... Ts, std::size_t... I, class... More>
constexpr part_list<Ts..., std::remove_cvref_t<More>...> append_parts([[maybe_unused]] const part_list<Ts...>& parts,
                                                                      std::index_sequence<I...>, More&&... more) {
    return {{{static_cast<const indexed_part<I, Ts>&>(parts).value}..., {std::forward<More>(more)}...}};
}

// The address of part I, or null in the compile-time pass.
template <std::size_t I, class Tuple>
constexpr const std::tuple_element_t<I, Tuple>* part(const Tuple* parts) {
    return parts ? &std::get<I>(*parts) : nullptr;
}
template <std::size_t I, class... Ts>
constexpr const part_type<I, part_list<Ts...>>* part(const part_list<Ts...>* parts) {
    return parts ? &get_part<I>(*parts) : nullptr;
}

template <class Ctx, class Tuple, std::size_t... I>
constexpr void render_list(Ctx& ctx, const Tuple* items, std::index_sequence<I...>) {
    ((ctx.put(I == 0 ? "" : ", "), std::tuple_element_t<I, Tuple>::render(ctx, part<I>(items))), ...);
}
// Renders every element of a tuple or part_list, comma-separated.
template <class Ctx, class... Ts>
constexpr void render_list(Ctx& ctx, const std::tuple<Ts...>* items) {
    render_list(ctx, items, std::index_sequence_for<Ts...>{});
}
template <class Ctx, class... Ts>
constexpr void render_list(Ctx& ctx, const part_list<Ts...>* items) {
    render_list(ctx, items, std::index_sequence_for<Ts...>{});
}

}  // namespace detail
}  // namespace retort
