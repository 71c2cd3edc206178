// unique()'s hash table (result/row_identity.hpp), compiled once here.
#include <retort/result/row_identity.hpp>

#include <unordered_map>

namespace retort::detail {

struct seen_rows::table {
    std::unordered_multimap<std::size_t, const void*> rows;
};

seen_rows::seen_rows() : table_(std::make_unique<table>()) {}
seen_rows::~seen_rows() = default;

bool seen_rows::contains(std::size_t hash, const void* row, equal_fn equal) const {
    const auto [first, last] = table_->rows.equal_range(hash);
    for (auto it = first; it != last; ++it)
        if (equal(it->second, row)) return true;
    return false;
}

void seen_rows::add(std::size_t hash, const void* row) { table_->rows.emplace(hash, row); }

}  // namespace retort::detail
