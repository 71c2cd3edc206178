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

// The indices after I in a list of N parts: I + 1, ..., N - 1.
template <std::size_t From, class Seq>
struct shifted_sequence;
template <std::size_t From, std::size_t... K>
struct shifted_sequence<From, std::index_sequence<K...>> {
    using type = std::index_sequence<(From + K)...>;
};
template <std::size_t I, std::size_t N>
using indices_after = typename shifted_sequence<I + 1, std::make_index_sequence<N - I - 1>>::type;

// Where a list of N parts is split around part I: the indices before it and after it.
template <class Before, class After>
struct split {};
template <std::size_t I, std::size_t N>
using split_at = split<std::make_index_sequence<I>, indices_after<I, N>>;

// Statement<parts with the part at the split replaced> (its type may change): the others are
// copied from their bases, with no function a part (a helper chosen per part made some 150
// functions in a 50-statement unit, each one a pass of the compiler's optimizer). A builder
// calls it directly: a forwarding member to make the split would be one more function a call.
template <template <class> class Statement, class Parts, class New, std::size_t... Before, std::size_t... After>
constexpr auto replace_at(const Parts& parts, New&& replacement,
                          split<std::index_sequence<Before...>, std::index_sequence<After...>>) {
    using result = part_list<part_type<Before, Parts>..., std::remove_cvref_t<New>, part_type<After, Parts>...>;
    return Statement<result>{
        result{{{static_cast<const indexed_part<Before, part_type<Before, Parts>>&>(parts).value}...,
                {std::forward<New>(replacement)},
                {static_cast<const indexed_part<After, part_type<After, Parts>>&>(parts).value}...}}};
}

// parts with `more` appended.
template <class... Ts, std::size_t... I, class... More>
constexpr part_list<Ts..., std::remove_cvref_t<More>...> append_parts([[maybe_unused]] const part_list<Ts...>& parts,
                                                                      std::index_sequence<I...>, More&&... more) {
    return {{{static_cast<const indexed_part<I, Ts>&>(parts).value}..., {std::forward<More>(more)}...}};
}

// The address of part I, or null in the compile-time pass.
template <std::size_t I, class... Ts>
constexpr const std::tuple_element_t<I, std::tuple<Ts...>>* part(const std::tuple<Ts...>* parts) {
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
