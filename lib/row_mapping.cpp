// row_mapping's members that need no template argument: compiled once here rather than in
// every translation unit that includes the header (their bodies instantiate the comparison,
// the growth and the assignment of std::vector<sql_value>, a few hundred million instructions
// of the compiler in each unit).
#include <retort/result/row_mapping.hpp>

#include <string>

namespace retort {

const std::vector<std::string>& row_mapping::keys() const noexcept {
    static const std::vector<std::string> none;
    return keys_ ? *keys_ : none;
}

const sql_value& row_mapping::operator[](std::size_t index) const {
    if (index >= values_.size())
        throw invalid_request_error("row has " + std::to_string(values_.size()) + " columns; there is no column " +
                                    std::to_string(index));
    return values_[index];
}

bool operator==(const row_mapping& a, const row_mapping& b) noexcept { return a.values_ == b.values_; }

std::size_t row_mapping::find(std::string_view name) const noexcept {
    const auto& names = keys();
    for (std::size_t i = 0; i < names.size() && i < values_.size(); ++i)
        if (names[i] == name) return i;
    return values_.size();
}

std::size_t row_mapping::checked(std::string_view name) const {
    const std::size_t i = find(name);
    if (i == values_.size()) {
        std::string known;
        for (const auto& k : keys()) known += (known.empty() ? "" : ", ") + k;
        throw invalid_request_error("row has no column '" + std::string(name) + "' (its columns: " + known + ")");
    }
    return i;
}

std::size_t detail::row_mapping_hash::operator()(const row_mapping& row) const noexcept {
    std::size_t h = row.size();
    for (const auto& v : row) h = h * 31 + sql_value_hash{}(v);
    return h;
}

}  // namespace retort
