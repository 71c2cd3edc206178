#pragma once
// Reads the driver's current row into a row_mapping, typing each field by what the
// driver says it holds; and turns a typed row into one (a result's mappings()).
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <retort/driver/statement.hpp>
#include <retort/result/row_mapping.hpp>
#include <retort/result/sql_value_cast.hpp>
#include <retort/stmt/row.hpp>

namespace retort::detail {

// The result's column names, as the driver gives them (lib/row_mapping_reader.cpp).
std::shared_ptr<const std::vector<std::string>> column_names(driver::statement& s);

// `keys` caches the result's column names: made at the first row, shared by every row.
// (In the library: its body instantiates std::variant's assignments and std::vector's growth.)
void read_row_mapping(row_mapping& row, driver::statement& s, std::shared_ptr<const std::vector<std::string>>& keys);

// The names of a typed row's fields: a column's or label's own; for an unnamed
// expression, what the database calls it (when `s` is still open), else "".
template <class Row>
std::vector<std::string> typed_row_keys(driver::statement* s) {
    std::vector<std::string> keys;
    [&]<class... Members>(tl::list<Members...>) {
        (keys.emplace_back(field_name_of<Members>()), ...);
    }(typename Row::members{});
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i].empty() && s != nullptr && static_cast<int>(i) < s->column_count())
            keys[i] = std::string(s->column_name(static_cast<int>(i)));
    return keys;
}

template <class Row>
row_mapping to_row_mapping(const Row& row, std::shared_ptr<const std::vector<std::string>> keys) {
    std::vector<sql_value> values;
    values.reserve(Row::size);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (values.push_back(to_sql_value(row.template get<I>())), ...);
    }(std::make_index_sequence<Row::size>{});
    return row_mapping(std::move(keys), std::move(values));
}

}  // namespace retort::detail
