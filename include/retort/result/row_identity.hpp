#pragma once
// Equality and hashing of whole rows, for a result's unique(): fields compare with ==;
// fields whose type has no std::hash add nothing to the hash (still correct, equality decides).
#include <cstddef>
#include <forward_list>
#include <memory>
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
// that a result which never calls unique() instantiates neither a row set nor a unique_ptr of
// its row type (each costs the compiler more than reading the row).
struct row_filter {
    virtual ~row_filter() = default;
    virtual bool admit(const void* row) = 0;  // false: seen before
};

// The hash table of unique(), in the library (lib/row_identity.cpp): rows by their hash, compared
// through `equal`. Not a template: no unit compiles a hash table, nor includes <unordered_set>
// (0.2 G instructions of g++, of the 2.6 G the standard headers of <retort/retort.hpp> cost).
class seen_rows {
public:
    using equal_fn = bool (*)(const void*, const void*);
    seen_rows();
    ~seen_rows();
    seen_rows(const seen_rows&) = delete;
    seen_rows& operator=(const seen_rows&) = delete;
    // Whether a row equal to `row` was added (`hash` its hash).
    bool contains(std::size_t hash, const void* row, equal_fn equal) const;
    // `row` must outlive this set.
    void add(std::size_t hash, const void* row);

private:
    struct table;
    std::unique_ptr<table> table_;
};

template <class Row>
struct unique_rows final : row_filter {
    std::forward_list<Row> kept;  // the rows given, at stable addresses
    seen_rows seen;
    bool admit(const void* row) override {
        const Row& given = *static_cast<const Row*>(row);
        const std::size_t hash = row_hash<Row>{}(given);
        if (seen.contains(hash, &given, &equal)) return false;
        seen.add(hash, &kept.emplace_front(given));
        return true;
    }
    static bool equal(const void* a, const void* b) {
        return row_equal<Row>{}(*static_cast<const Row*>(a), *static_cast<const Row*>(b));
    }
};

}  // namespace retort::detail
