#pragma once
// Binding the elements of a tuple (a clause's items, a function's arguments) in order.
#include <cstddef>
#include <tuple>
#include <utility>

namespace retort::detail {

// By index, not std::apply: apply's invoke machinery and the lambda it calls are instantiated
// anew for every tuple type, and every statement has several.
template <class B, class Tuple, std::size_t... I>
constexpr void bind_each([[maybe_unused]] B& b, [[maybe_unused]] const Tuple& items, std::index_sequence<I...>) {
    (std::get<I>(items).bind(b), ...);
}
template <class B, class... Ts>
constexpr void bind_all(B& b, const std::tuple<Ts...>& items) {
    bind_each(b, items, std::index_sequence_for<Ts...>{});
}

}  // namespace retort::detail
