#pragma once
// Small type-level lists. Hand-written rather than Hana: these run on every statement
// type, and plain pack expansions keep compile time low.
#include <cstddef>
#include <tuple>
#include <utility>
#include <type_traits>

namespace retort::tl {

template <class... Ts>
struct list {
    static constexpr std::size_t size = sizeof...(Ts);
};

// concat<list<A...>, list<B...>, ...>
template <class... Ls>
struct concat_impl;
template <>
struct concat_impl<> { using type = list<>; };
template <class... As>
struct concat_impl<list<As...>> { using type = list<As...>; };
template <class... As, class... Bs>
struct concat_impl<list<As...>, list<Bs...>> { using type = list<As..., Bs...>; };
template <class... As, class... Bs, class... Cs>
struct concat_impl<list<As...>, list<Bs...>, list<Cs...>> { using type = list<As..., Bs..., Cs...>; };
// Four at a time: filter() and difference() concatenate a list per element.
template <class... As, class... Bs, class... Cs, class... Ds, class... Rest>
struct concat_impl<list<As...>, list<Bs...>, list<Cs...>, list<Ds...>, Rest...>
    : concat_impl<list<As..., Bs..., Cs..., Ds...>, Rest...> {};
template <class... Ls>
using concat = typename concat_impl<Ls...>::type;

// (__is_same, the trait both compilers have built in: std::is_same_v would make a variable for
// every pair of types a statement's rules compare)
template <class T, class L>
struct contains_impl;
template <class T, class... Ts>
struct contains_impl<T, list<Ts...>> : std::bool_constant<(__is_same(T, Ts) || ...)> {};
template <class T, class L>
inline constexpr bool contains = contains_impl<T, L>::value;

// unique<list<...>>: first occurrence kept, order preserved.
template <class Done, class Todo>
struct unique_impl;
template <class... Done>
struct unique_impl<list<Done...>, list<>> { using type = list<Done...>; };
template <class... Done, class T, class... Rest>
struct unique_impl<list<Done...>, list<T, Rest...>>
    : unique_impl<std::conditional_t<(__is_same(T, Done) || ...), list<Done...>, list<Done..., T>>,
                  list<Rest...>> {};
template <class L>
using unique = typename unique_impl<list<>, L>::type;

// Is every element of A in B?
template <class A, class B>
struct subset_impl;
template <class... As, class B>
struct subset_impl<list<As...>, B> : std::bool_constant<(contains<As, B> && ...)> {};
template <class A, class B>
inline constexpr bool is_subset = subset_impl<A, B>::value;

// Elements of A not in B.
template <class A, class B>
struct difference_impl;
template <class... As, class B>
struct difference_impl<list<As...>, B> {
    using type = concat<std::conditional_t<contains<As, B>, list<>, list<As>>...>;
};
template <class A, class B>
using difference = typename difference_impl<A, B>::type;

template <class L>
struct front_impl;
template <>
struct front_impl<list<>> { using type = void; };  // lets conditions that check size first stay lazy
template <class T, class... Ts>
struct front_impl<list<T, Ts...>> { using type = T; };
template <class L>
using front = typename front_impl<L>::type;

template <std::size_t I, class L>
struct at_impl;
template <std::size_t I, class... Ts>
struct at_impl<I, list<Ts...>> {
    using type = std::tuple_element_t<I, std::tuple<Ts...>>;
};
template <std::size_t I, class L>
using at = typename at_impl<I, L>::type;

// filter<list<...>, Pred>: keeps Ts with Pred<T>::value.
template <class L, template <class> class Pred>
struct filter_impl;
template <class... Ts, template <class> class Pred>
struct filter_impl<list<Ts...>, Pred> {
    using type = concat<std::conditional_t<Pred<Ts>::value, list<Ts>, list<>>...>;
};
template <class L, template <class> class Pred>
using filter = typename filter_impl<L, Pred>::type;

// take<N, L>: the first N elements; drop<N, L>: the rest.
template <class Seq, class L>
struct take_impl;
template <std::size_t... I, class L>
struct take_impl<std::index_sequence<I...>, L> {
    using type = list<typename at_impl<I, L>::type...>;
};
template <std::size_t N, class L>
using take = typename take_impl<std::make_index_sequence<N>, L>::type;

template <std::size_t N, class Seq, class L>
struct drop_impl;
template <std::size_t N, std::size_t... I, class L>
struct drop_impl<N, std::index_sequence<I...>, L> {
    using type = list<typename at_impl<N + I, L>::type...>;
};
template <std::size_t N, class L>
using drop = typename drop_impl<N, std::make_index_sequence<L::size - N>, L>::type;

template <class L, template <class...> class F>
struct apply_impl;
template <template <class...> class L, class... Ts, template <class...> class F>
struct apply_impl<L<Ts...>, F> { using type = F<Ts...>; };
template <class L, template <class...> class F>
using apply = typename apply_impl<L, F>::type;

}  // namespace retort::tl

namespace retort::detail {
// Whether no type is given twice (a column assigned twice, a table joined twice).
template <class... Ts>
consteval bool all_distinct() {
    return tl::unique<tl::list<Ts...>>::size == sizeof...(Ts);
}

// For a static_assert that must fail only when its template is instantiated.
template <class T>
inline constexpr bool always_false = false;
}  // namespace retort::detail
