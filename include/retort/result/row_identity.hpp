#pragma once
// Equality and hashing of whole rows, for a result's unique(): fields compare with ==;
// fields whose type has no std::hash add nothing to the hash (still correct, equality decides).
#include <cstddef>
#include <unordered_set>
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

// The rows unique() has given. Behind a virtual call and a pointer to a non-template base so
// that a result which never calls unique() instantiates neither a hash set nor a unique_ptr of
// its row type (each costs the compiler more than reading the row).
struct row_filter {
    virtual ~row_filter() = default;
    virtual bool admit(const void* row) = 0;  // false: seen before
};
template <class Row>
struct unique_rows final : row_filter {
    std::unordered_set<Row, row_hash<Row>, row_equal<Row>> seen;
    bool admit(const void* row) override { return seen.insert(*static_cast<const Row*>(row)).second; }
};

}  // namespace retort::detail
