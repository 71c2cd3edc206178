#pragma once
// What execute_many() takes: a forward range of rows, in <iterator>'s terms. <ranges> is not
// included: it cost every unit that includes the engine 6 % of its headers' compile work.
#include <iterator>
#include <utility>

namespace retort::detail {

template <class Rows>
using rows_iterator = decltype(std::ranges::begin(std::declval<const Rows&>()));
template <class Rows>
using rows_sentinel = decltype(std::ranges::end(std::declval<const Rows&>()));

// Rows read twice: counted first, then sent.
template <class Rows>
concept row_range = requires(const Rows& rows) {
    std::ranges::begin(rows);
    std::ranges::end(rows);
} && std::forward_iterator<rows_iterator<Rows>> && std::sentinel_for<rows_sentinel<Rows>, rows_iterator<Rows>>;

template <class Rows>
using row_of = std::iter_value_t<rows_iterator<Rows>>;

}  // namespace retort::detail
