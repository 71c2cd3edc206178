#pragma once
// What a result holds besides its current row: the statement being read and what reading it
// needs. Not a template: compiled once, not once per row type; its error path is in the library.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <retort/driver/statement.hpp>
#include <retort/result/row_identity.hpp>

namespace retort {

class connection;

namespace detail {

class result_source {
public:
    // `owned_sql` holds the text of a statement rendered at run time (dynamic shapes).
    // `conn` translates read errors (disconnects); null when the rows are already in memory.
    // (inline, as close() and step(): on the path of every execution)
    result_source(driver::statement_handle&& handle, connection* conn, std::string_view sql,
                  std::unique_ptr<const std::string>&& owned_sql) noexcept
        : handle_(std::move(handle)), conn_(conn), sql_(sql), owned_sql_(std::move(owned_sql)) {}
    result_source(result_source&&) noexcept = default;
    result_source& operator=(result_source&&) noexcept = default;
    ~result_source() = default;

    // Rows changed by UPDATE/DELETE ... RETURNING (or read so far).
    std::int64_t rowcount() { return handle_ ? handle_->rows_affected() : rowcount_; }
    // Releases the statement: its connection can run other statements again.
    void close() noexcept {
        if (handle_) {
            rowcount_ = handle_->rows_affected();
            handle_.reset();
        }
    }
    std::string_view sql() const noexcept { return sql_; }

protected:
    // On to the next row: false at the end, the statement released.
    bool step() {
        if (handle_ && handle_->next()) [[likely]]
            return true;
        return finished();
    }
    // The end of the rows: false, the statement released (out of the loop's way).
    bool finished() noexcept;
    // Called in a catch block while reading: releases the statement, attaches the SQL and
    // translates a lost connection; always throws.
    [[noreturn]] void read_failed();
    // Steps to the next row unique() admits and has the driver write every field of it into
    // `row` through `columns` (a row whose fields are all of the types driver::column_target
    // names): false at the end. One function for every such row type, where each row type
    // compiled its own loop, error handling and filter.
    bool next_written_row(void* row, const driver::row_column* columns);

    driver::statement_handle handle_;
    connection* conn_ = nullptr;
    std::string_view sql_;
    std::unique_ptr<const std::string> owned_sql_;
    std::int64_t rowcount_ = -1;
    std::shared_ptr<const std::vector<std::string>> keys_;
    std::unique_ptr<row_filter> seen_;  // made by unique()
};

}  // namespace detail
}  // namespace retort
