#pragma once
// SQL text with text parameters whose rows are read as text: the catalog queries of the
// inspector and the version table's reads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort {
class connection;
}

namespace retort::migrate::detail {

using text_row = std::vector<std::optional<std::string>>;

std::vector<text_row> query_rows(connection& conn, std::string_view sql, const std::vector<std::string>& params = {});
// Runs a statement with text parameters, reading no rows.
void execute_with(connection& conn, std::string_view sql, const std::vector<std::string>& params);

}  // namespace retort::migrate::detail
