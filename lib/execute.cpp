#include <retort/engine/execute.hpp>

#include <string>

namespace retort::detail {

void check_declared_columns(driver::statement& s, std::size_t declared, std::string_view sql) {
    const int returned = s.column_count();
    if (static_cast<std::size_t>(returned) != declared)
        throw invalid_request_error(".columns() declares " + std::to_string(declared) + " columns; the SQL text returns " +
                                    std::to_string(returned) + "\n[SQL: " + std::string(sql) + "]");
}

}  // namespace retort::detail
