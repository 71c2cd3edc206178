#pragma once
// result.mappings(): the same rows as row_mapping (name → sql_value), for code that does
// not know the columns at compile time (SQLAlchemy's MappingResult). It takes the result
// over: rows stream as before, and the result it came from is left empty.
//   for (const row_mapping& row : conn.execute(select(users)).mappings())
//       std::cout << row["username"] << '\n';
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/core/errors.hpp>
#include <retort/result/row_mapping.hpp>
#include <retort/result/row_mapping_reader.hpp>

namespace retort {

template <class Result>
class mapping_result {
public:
    explicit mapping_result(Result&& rows) : rows_(std::move(rows)) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = row_mapping;
        using difference_type = std::ptrdiff_t;
        using pointer = const row_mapping*;
        using reference = const row_mapping&;

        iterator() = default;
        explicit iterator(mapping_result* m) : m_(m) { advance(); }
        reference operator*() const { return m_->current_; }
        pointer operator->() const { return &m_->current_; }
        iterator& operator++() {
            advance();
            return *this;
        }
        void operator++(int) { advance(); }
        friend bool operator==(const iterator& a, const iterator& b) { return a.m_ == b.m_; }

    private:
        void advance() {
            if (!m_->fetch()) m_ = nullptr;
        }
        mapping_result* m_ = nullptr;
    };
    iterator begin() { return iterator(this); }
    iterator end() { return iterator(); }

    const std::vector<std::string>& keys() { return rows_.keys(); }
    std::vector<row_mapping> all() { return fetchmany(static_cast<std::size_t>(-1)); }
    std::vector<row_mapping> fetchmany(std::size_t n) {
        std::vector<row_mapping> out;
        while (out.size() < n && fetch()) out.push_back(std::move(current_));
        if (out.size() < n) rows_.close();
        return out;
    }
    std::optional<row_mapping> first() {
        std::optional<row_mapping> row;
        if (fetch()) row = std::move(current_);
        rows_.close();
        return row;
    }
    row_mapping one() {
        auto row = one_or_none();
        if (!row) throw no_result_found("No row was found when one was required\n[SQL: " + std::string(rows_.sql()) + "]");
        return std::move(*row);
    }
    std::optional<row_mapping> one_or_none() {
        std::optional<row_mapping> row;
        if (fetch()) {
            row = std::move(current_);
            if (fetch()) {
                rows_.close();
                throw multiple_results_found("Multiple rows were found when one or none was required\n[SQL: " +
                                             std::string(rows_.sql()) + "]");
            }
        }
        rows_.close();
        return row;
    }
    void close() noexcept { rows_.close(); }

private:
    bool fetch() {
        if (!rows_.advance()) return false;
        if constexpr (std::is_same_v<typename Result::row_type, row_mapping>) current_ = rows_.current();
        else current_ = detail::to_row_mapping(rows_.current(), rows_.shared_keys());
        return true;
    }
    Result rows_;
    row_mapping current_;
};

}  // namespace retort
