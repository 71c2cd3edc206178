#include "query.hpp"

#include <retort/engine/engine.hpp>

namespace retort::migrate::detail {

namespace {

driver::statement_handle run_with(connection& conn, std::string_view sql, const std::vector<std::string>& params) {
    auto statement = conn.prepare(driver::uncached, sql);
    for (std::size_t i = 0; i < params.size(); ++i) statement->bind_text(static_cast<int>(i), params[i]);
    conn.run(*statement, sql, [&] { return params; });
    return statement;
}

}  // namespace

std::vector<text_row> query_rows(connection& conn, std::string_view sql, const std::vector<std::string>& params) {
    auto statement = run_with(conn, sql, params);
    std::vector<text_row> rows;
    try {
        while (statement->next()) {
            const int n = statement->column_count();
            text_row row;
            row.reserve(static_cast<std::size_t>(n));
            for (int i = 0; i < n; ++i) {
                std::string_view value;
                if (statement->read_text(i, value)) row.emplace_back(std::string(value));
                else row.emplace_back(std::nullopt);
            }
            rows.push_back(std::move(row));
        }
    } catch (...) {
        conn.rethrow_with(sql, [&] { return params; });
    }
    return rows;
}

void execute_with(connection& conn, std::string_view sql, const std::vector<std::string>& params) {
    run_with(conn, sql, params);
}

}  // namespace retort::migrate::detail
