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

inline std::shared_ptr<const std::vector<std::string>> column_names(driver::statement& s) {
    auto names = std::make_shared<std::vector<std::string>>();
    const int n = s.column_count();
    for (int i = 0; i < n; ++i) names->emplace_back(s.column_name(i));
    return names;
}

// `keys` caches the result's column names: made at the first row, shared by every row.
inline void read_row_mapping(row_mapping& row, driver::statement& s, std::shared_ptr<const std::vector<std::string>>& keys) {
    if (!keys) keys = column_names(s);
    row.set_keys(keys);
    std::vector<sql_value>& values = row.values_for_reading();
    const int n = s.column_count();
    values.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        sql_value& v = values[static_cast<std::size_t>(i)];
        switch (s.kind_of(i)) {
            case driver::field_kind::null: v = std::monostate{}; break;
            case driver::field_kind::integer: v = s.get_int(i); break;
            case driver::field_kind::real: v = s.get_double(i); break;
            case driver::field_kind::boolean: v = s.get_bool(i); break;
            case driver::field_kind::text:
                if (auto* text = std::get_if<std::string>(&v)) text->assign(s.get_text(i));  // keeps its buffer
                else v = std::string(s.get_text(i));
                break;
            case driver::field_kind::blob: {
                auto bytes = s.get_blob(i);
                v = blob_value(bytes.begin(), bytes.end());
                break;
            }
        }
    }
}

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
