#pragma once
// Internal: a driver::statement run through libpq on the connection libpqxx opened: a
// named prepared statement ("r<key>", PQexecPrepared) or an unnamed one (PQexecParams).
// Parameters travel as text; results are read in text format straight from the PGresult
// (libpqxx's row and field objects would copy a reference-counted result per field).
#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include <retort/core/function_ref.hpp>
#include <retort/driver/statement.hpp>

#include "connection_use.hpp"

struct pg_conn;
struct pg_result;

namespace retort::detail {

// What a connection's statements share with it: the in-use flag, the statement timeout, and
// the prepared statements a schema change made stale.
struct postgresql_session {
    pg_conn* conn = nullptr;
    connection_use use;
    // The server cancels at use.timeout() itself (the engine's statement_timeout is set on the
    // session): the client waits a little longer before it cancels.
    bool server_enforces_timeout = false;
    // Server-side names of prepared statements to DEALLOCATE once the transaction allows it.
    std::vector<std::string> stale;
    // Forgets every cached prepared statement of the connection (they are prepared again,
    // under new names, at their next execution).
    std::function<void()> forget_prepared;
    // The BEGIN that opened the current transaction, while nothing else has run in it: a
    // statement made stale by a schema change can then roll back, begin again and run, and
    // nothing is lost. Empty once anything else ran.
    std::string fresh_begin;

    // Sends with `send` (a PQsend* call), then waits for the result until the timeout; past it
    // asks the server to cancel. Returns the result as PQexec* would (null: not even sent).
    // Throws statement_timeout_error when the statement was cancelled, and connection_lost
    // when the server answers neither the statement nor the cancel request.
    pg_result* timed(function_ref<int()> send, std::string_view sql);
};

class postgresql_statement final : public driver::statement {
public:
    // An empty `name` runs `sql` unnamed (no server-side prepared statement); otherwise
    // the first execute() prepares it on the server under `name` (a failure there is
    // reported with the parameters, like any failed execution, and tried again next time).
    postgresql_statement(postgresql_session& session, std::string name, std::string_view sql);
    ~postgresql_statement() override;
    postgresql_statement(const postgresql_statement&) = delete;
    postgresql_statement& operator=(const postgresql_statement&) = delete;

    void bind_null(int index) override;
    void bind_int(int index, std::int64_t value) override;
    void bind_double(int index, double value) override;
    void bind_bool(int index, bool value) override;
    void bind_text(int index, std::string_view value) override;
    void bind_blob(int index, std::span<const std::byte> value) override;

    void execute() override;
    bool next() override {
        if (++row_ < rows_) return true;
        return !cursor_.empty() && fetch_more();
    }
    // Text fields need the reader's type: read field by field.
    bool read_fields(std::span<driver::field>) override { return false; }
    // Fields of a column_target parsed straight into the row; the others read field by field.
    driver::row_step next_row(std::span<driver::field> fields, driver::row_destination into) override;
    // next_row()'s writer, for row_writing.hpp's write_row().
    template <class T, bool Nullable>
    bool write(int column, char* at) const;
    void leave(int) const noexcept {}
    int column_count() override;
    std::string_view column_name(int column) override;
    driver::field_kind kind_of(int column) override;
    bool is_null(int column) override;
    std::int64_t get_int(int column) override;
    double get_double(int column) override;
    bool get_bool(int column) override;
    std::string_view get_text(int column) override;
    std::span<const std::byte> get_blob(int column) override;
    bool read_int(int column, std::int64_t& value) override;
    bool read_double(int column, double& value) override;
    bool read_text(int column, std::string_view& value) override;
    std::int64_t rows_affected() override;
    // These two: not_supported_error (PostgreSQL uses RETURNING).
    std::int64_t last_insert_id() override;
    driver::inserted_row execute_insert() override;
    void finish() noexcept override;
    bool busy() const noexcept override { return lent_; }

    void lend() noexcept { lent_ = true; }
    // For a caller that sends the statement itself (the asynchronous connection, in libpq's
    // pipeline mode): the bound values as libpq takes them, valid until the next bind or
    // finish(); then accept_result() hands over what the server answered (taking ownership):
    // rows to read as after execute(), or the error thrown.
    const char* const* parameter_values(int& count);
    void accept_result(pg_result* result);
    // Makes execute() DECLARE a cursor for the statement and next() FETCH batch_rows at a time.
    void stream_through_cursor(std::string cursor, int batch_rows) {
        cursor_ = std::move(cursor);
        batch_rows_ = batch_rows;
    }
    // The connection is going away while a handle still holds this statement:
    // the statement deletes itself when the handle finishes it.
    void orphan() noexcept { orphaned_ = true; }
    const std::string& sql() const noexcept { return sql_; }
    // The server's statement is stale: prepare it again as `name` at the next execution, and
    // return the old name to drop (empty when it was not prepared).
    std::string rename(std::string name);

private:
    std::string& slot(int index);
    // A data_error naming the field and its value, which `unfit` says why ("is not an integer").
    [[noreturn]] void bad_value(int column, std::string_view unfit);
    bool fetch_more();
    // Takes the result of a command that returns no rows (DECLARE, CLOSE); throws on failure.
    void command(pg_result* result);
    pg_result* run_prepared(bool timed, int count);
    void clear_result() noexcept;
    std::string_view text_at(int column) const noexcept;
    bool field_text(int column, std::string_view& text) const noexcept;
    std::int64_t parse_int(int column, std::string_view text);
    double parse_double(int column, std::string_view text);

    postgresql_session* session_;
    pg_conn* conn_;
    std::string name_;
    std::string sql_;
    // Parameter text, reused between executions (no allocation once warm), and for a few
    // parameters inside the statement (none for a statement of one execution: the
    // asynchronous connection makes one per execution).
    static constexpr std::size_t inline_parameters = 4;
    boost::container::small_vector<std::string, inline_parameters> texts_;
    boost::container::small_vector<char, inline_parameters> nulls_;
    boost::container::small_vector<const char*, inline_parameters> values_;
    pg_result* result_ = nullptr;
    int row_ = -1;
    int rows_ = 0;
    bool prepared_ = false;
    bool lent_ = false;
    bool orphaned_ = false;
    std::vector<std::byte> blob_;  // the decoded bytea get_blob() returned last
    // Streaming (prepare_streaming): the cursor's name, rows per FETCH, whether it is open
    // and has more rows, and the rows fetched so far.
    std::string cursor_;
    int batch_rows_ = 0;
    bool cursor_open_ = false;
    bool cursor_done_ = false;
    std::int64_t fetched_ = 0;
};

}  // namespace retort::detail
