#include <retort/engine/copy_format.hpp>

namespace retort::detail {

std::string copy_from_stdin_sql(std::string_view table, std::span<const std::string> columns) {
    std::string sql = "COPY ";
    sql += table;
    sql += " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) sql += ", ";
        sql += columns[i];
    }
    sql += ") FROM STDIN";
    return sql;
}

void copy_line_writer::escaped(std::string_view text) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\\' && c != '\t' && c != '\n' && c != '\r') [[likely]]
            continue;
        line_->append(text.data() + run, i - run);
        line_->push_back('\\');
        line_->push_back(c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
        run = i + 1;
    }
    line_->append(text.data() + run, text.size() - run);
}

}  // namespace retort::detail
