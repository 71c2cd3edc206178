#include <retort/result/row_mapping_reader.hpp>

namespace retort::detail {

std::shared_ptr<const std::vector<std::string>> column_names(driver::statement& s) {
    auto names = std::make_shared<std::vector<std::string>>();
    const int n = s.column_count();
    for (int i = 0; i < n; ++i) names->emplace_back(s.column_name(i));
    return names;
}

void read_row_mapping(row_mapping& row, driver::statement& s, std::shared_ptr<const std::vector<std::string>>& keys) {
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

}  // namespace retort::detail
