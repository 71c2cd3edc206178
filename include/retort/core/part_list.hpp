#pragma once
// A fixed list of values by position: a statement's clauses, a clause's items, a function's
// arguments. A plain aggregate rather than std::tuple: every builder call makes a new type,
// and each std::tuple type costs the compiler its constrained constructors (some 10 million
// instructions of g++ a type, several times what a part_list costs).
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace retort::detail {

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

// Binds every part, in order (a select's items, a function's arguments). Deduced against the
// base that holds the indices: one function a list, no forwarding one to make the indices.
template <class B, std::size_t... I, class... Ts>
constexpr void bind_all([[maybe_unused]] B& b,
                        [[maybe_unused]] const part_list_base<std::index_sequence<I...>, Ts...>& parts) {
    (static_cast<const indexed_part<I, Ts>&>(parts).value.bind(b), ...);
}

}  // namespace retort::detail

// A part_list is tuple-like for its size and element types.
template <class... Ts>
struct std::tuple_size<retort::detail::part_list<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};
template <std::size_t I, class... Ts>
struct std::tuple_element<I, retort::detail::part_list<Ts...>> {
    using type = retort::detail::part_type<I, retort::detail::part_list<Ts...>>;
};
