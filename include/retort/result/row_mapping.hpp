#pragma once
// A row as column name → value, for code that does not know the columns at compile time
// (SQLAlchemy's RowMapping): the rows of text_clause() without .columns(), and of any
// result's mappings().
//   row["username"]                  the sql_value (a std::variant) by name
//   row[0]                           ... by position
//   row.get<int>("age")              read as a C++ type; invalid_request_error on a mismatch
//   row.get<std::optional<int>>(3)   NULL as std::nullopt
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <retort/core/errors.hpp>
#include <retort/result/sql_value.hpp>
#include <retort/result/sql_value_cast.hpp>

namespace retort {

// Its members that are no templates are in the library (lib/row_mapping.cpp): each unit that
// includes this would otherwise compile them, with std::vector<sql_value>'s members they use.
class row_mapping {
public:
    row_mapping() = default;
    // `keys` is shared by every row of one result.
    row_mapping(std::shared_ptr<const std::vector<std::string>> keys, std::vector<sql_value> values)
        : keys_(std::move(keys)), values_(std::move(values)) {}

    std::size_t size() const noexcept { return values_.size(); }
    const std::vector<std::string>& keys() const noexcept;
    const std::vector<sql_value>& values() const noexcept { return values_; }
    auto begin() const noexcept { return values_.begin(); }
    auto end() const noexcept { return values_.end(); }

    bool contains(std::string_view name) const noexcept { return find(name) < values_.size(); }
    const sql_value& operator[](std::size_t index) const;
    const sql_value& operator[](std::string_view name) const { return values_[checked(name)]; }

    template <class T>
    T get(std::string_view name) const {
        return sql_value_cast<T>(values_[checked(name)], "'" + std::string(name) + "'");
    }
    template <class T>
    T get(std::size_t index) const {
        return sql_value_cast<T>((*this)[index], std::to_string(index));
    }
    // By compile-time position, as typed rows (what scalar() reads).
    template <std::size_t I>
    sql_value& get() {
        return values_.at(I);
    }
    template <std::size_t I>
    const sql_value& get() const {
        return values_.at(I);
    }

    friend bool operator==(const row_mapping& a, const row_mapping& b) noexcept;

    // The reader's access: values are overwritten in place row after row.
    std::vector<sql_value>& values_for_reading() noexcept { return values_; }
    void set_keys(std::shared_ptr<const std::vector<std::string>> keys) noexcept { keys_ = std::move(keys); }

private:
    std::size_t find(std::string_view name) const noexcept;
    std::size_t checked(std::string_view name) const;  // find(), or invalid_request_error

    std::shared_ptr<const std::vector<std::string>> keys_;
    std::vector<sql_value> values_;
};

namespace detail {
struct row_mapping_hash {
    std::size_t operator()(const row_mapping& row) const noexcept;
};
}  // namespace detail

}  // namespace retort
