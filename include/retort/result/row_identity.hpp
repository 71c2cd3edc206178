#pragma once
// Equality and hashing of whole rows, for a result's unique(): fields compare with ==;
// fields whose type has no std::hash add nothing to the hash (still correct, equality decides).
#include <cstddef>
#include <functional>
#include <utility>

#include <retort/result/row_mapping.hpp>
#include <retort/stmt/row.hpp>

namespace retort::detail {

template <class Row>
struct row_hash {
    std::size_t operator()(const Row& row) const noexcept {
        if constexpr (std::is_same_v<Row, row_mapping>) {
            return row_mapping_hash{}(row);
        } else {
            std::size_t h = 0;
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                (mix(h, row.template get<I>()), ...);
            }(std::make_index_sequence<Row::size>{});
            return h;
        }
    }
    template <class T>
    static void mix(std::size_t& h, const T& value) noexcept {
        if constexpr (requires { std::hash<T>{}(value); }) h = h * 31 + std::hash<T>{}(value);
        else h = h * 31;
    }
};

template <class Row>
struct row_equal {
    bool operator()(const Row& a, const Row& b) const {
        if constexpr (std::is_same_v<Row, row_mapping>) {
            return a == b;
        } else {
            return [&]<std::size_t... I>(std::index_sequence<I...>) {
                return ((a.template get<I>() == b.template get<I>()) && ...);
            }(std::make_index_sequence<Row::size>{});
        }
    }
};

}  // namespace retort::detail
