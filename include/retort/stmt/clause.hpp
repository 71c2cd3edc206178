#pragma once
// Pieces shared by the statements: the empty clause, and replacing one part of a
// statement's tuple of clauses (each builder call returns a new statement type).
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/core/bind_all.hpp>
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

// A statement's clauses by position. A plain aggregate rather than std::tuple: every builder
// call makes a new statement type, and std::tuple's constrained constructors cost the compiler
// more per type than the statement's own checks and text.
template <std::size_t I, class T>
struct indexed_part {
    T value;
};
template <class Indices, class... Ts>
struct part_list_base;
template <std::size_t... I, class... Ts>
struct part_list_base<std::index_sequence<I...>, Ts...> : indexed_part<I, Ts>... {};
template <class... Ts>
struct part_list : part_list_base<std::index_sequence_for<Ts...>, Ts...> {};

// Part I of a part_list and its type (found by deduction from the base, no recursion).
template <std::size_t I, class T>
constexpr const T& get_part(const indexed_part<I, T>& p) {
    return p.value;
}
template <std::size_t I, class T>
T part_type_of(const indexed_part<I, T>*);  // unevaluated only
template <std::size_t I, class Parts>
using part_type = decltype(part_type_of<I>(static_cast<const Parts*>(nullptr)));

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

// Binds every part, in order (a select's items).
template <class B, class... Ts, std::size_t... I>
constexpr void bind_parts([[maybe_unused]] B& b, [[maybe_unused]] const part_list<Ts...>& parts,
                          std::index_sequence<I...>) {
    (static_cast<const indexed_part<I, Ts>&>(parts).value.bind(b), ...);
}
template <class B, class... Ts>
constexpr void bind_all(B& b, const part_list<Ts...>& parts) {
    bind_parts(b, parts, std::index_sequence_for<Ts...>{});
}

}  // namespace detail
}  // namespace retort

// A part_list is tuple-like for its size and element types (a select's items are one).
template <class... Ts>
struct std::tuple_size<retort::detail::part_list<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};
template <std::size_t I, class... Ts>
struct std::tuple_element<I, retort::detail::part_list<Ts...>> {
    using type = retort::detail::part_type<I, retort::detail::part_list<Ts...>>;
};
