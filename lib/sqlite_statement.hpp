#pragma once
// Internal: a driver::statement over one sqlite3_stmt.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <retort/driver/statement.hpp>

#include "connection_use.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace retort::detail {

// What a connection's statements share with it: the in-use flag and the statement timeout.
struct sqlite_session {
    sqlite3* db = nullptr;
    connection_use use;
    // The running statement's deadline, checked by a progress handler installed while a
    // timeout is set.
    std::chrono::steady_clock::time_point deadline{};
    // interrupt() from another thread, kept until a statement fails with it: SQLite forgets a
    // sqlite3_interrupt() sent just before a statement starts, the progress handler does not.
    mutable std::atomic<bool> interrupted{false};

    [[gnu::cold]] void arm() noexcept { deadline = std::chrono::steady_clock::now() + use.timeout(); }
    // Turns SQLITE_INTERRUPT from the progress handler into a statement_timeout_error past the
    // deadline, and forgets the interrupt that caused it.
    [[noreturn]] void fail(int code, std::string_view message, std::string_view sql) const;
};

class sqlite_statement final : public driver::statement {
public:
    // Prepares `sql` (exactly one statement); throws a statement_error on failure.
    sqlite_statement(sqlite_session& session, std::string_view sql, bool persistent);
    ~sqlite_statement() override;
    sqlite_statement(const sqlite_statement&) = delete;
    sqlite_statement& operator=(const sqlite_statement&) = delete;

    void bind_null(int index) override;
    void bind_int(int index, std::int64_t value) override;
    void bind_double(int index, double value) override;
    void bind_bool(int index, bool value) override;
    void bind_text(int index, std::string_view value) override;
    void bind_blob(int index, std::span<const std::byte> value) override;

    void execute() override;
    bool next() override;
    int column_count() override { return columns_; }
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
    bool read_fields(std::span<driver::field> fields) override;
    driver::row_step next_row(std::span<driver::field> fields, driver::row_destination into) override;
    std::int64_t rows_affected() override;
    std::int64_t last_insert_id() override;
    driver::inserted_row execute_insert() override;
    void finish() noexcept override;
    bool busy() const noexcept override { return lent_; }

    // The cache marks a statement lent while a handle holds it.
    void lend() noexcept { lent_ = true; }
    // The connection is going away while a handle still holds this statement:
    // the statement deletes itself when the handle finishes it.
    void orphan() noexcept { orphaned_ = true; }
    std::string_view sql() const noexcept;

private:
    template <class Stepped>
    auto first_step(Stepped&& stepped);
    void took_first_step(int rc);
    [[noreturn, gnu::cold]] void fail(int code);
    // finish()'s body, also ending execute_insert().
    void finish_here() noexcept;
    // Deletes this statement, whose connection has gone (out of line: rare).
    [[gnu::cold, gnu::noinline]] void drop_orphan() noexcept;
    // Counts a bound parameter; a failure (not SQLITE_OK, 0) is out of line, away from the
    // binds' path.
    void check_bind(int code) {
        if (code != 0) [[unlikely]]
            bind_failed(code);
        ++bound_;
    }
    [[noreturn, gnu::cold, gnu::noinline]] void bind_failed(int code);
    [[noreturn, gnu::cold]] void unbound_parameters();
    // A data_error naming the field, its storage class `type` and value, and why it is `unfit`.
    [[noreturn]] void bad_value(int column, int type, std::string_view unfit);
    std::int64_t real_as_int(int column);
    double int_as_double(int column);

    sqlite_session* session_;
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    int columns_ = 0;
    bool row_pending_ = false;  // execute() stepped onto the first row; next() hands it out
    bool done_ = false;
    bool lent_ = false;
    bool orphaned_ = false;
    bool copies_bound_ = false;  // SQLite holds a copy of bound text or a blob: finish() frees it
    bool readonly_ = false;      // changes nothing (a SELECT): rows_affected() is 0
    int parameters_ = 0;         // placeholders in the statement
    int bound_ = 0;              // parameters bound for the coming execution
    std::int64_t rows_affected_ = 0;
};

}  // namespace retort::detail
