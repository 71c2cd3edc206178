#include "sqlite_statement.hpp"

#include <string>

#include <sqlite3.h>

#include <retort/core/errors.hpp>

#include "sqlite_error.hpp"

namespace retort::detail {

[[noreturn]] void sqlite_session::fail(int code, std::string_view message, std::string_view sql) const {
    if ((code & 0xff) == SQLITE_INTERRUPT && use.timeout().count() > 0 && std::chrono::steady_clock::now() >= deadline)
        throw statement_timeout_error("statement timeout: the statement ran longer than " +
                                          std::to_string(use.timeout().count()) + " ms and was interrupted (" +
                                          std::string(message) + ")",
                                      std::string(sql), std::to_string(code));
    throw_sqlite_error(code, message, sql);
}

sqlite_statement::sqlite_statement(sqlite_session& session, std::string_view sql, bool persistent)
    : session_(&session), db_(session.db) {
    sqlite3* db = db_;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql.data(), int(sql.size()), persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                                      &stmt_, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        throw_sqlite_error(rc, sqlite3_errmsg(db), sql);
    }
    if (stmt_ == nullptr) throw programming_error("the SQL text holds no statement", std::string(sql));
    if (tail != nullptr && tail != sql.data() + sql.size()) {
        // A second statement would be silently ignored: refuse it (comments and ';' are fine).
        sqlite3_stmt* second = nullptr;
        const int rest = int(sql.data() + sql.size() - tail);
        const int rc2 = sqlite3_prepare_v3(db, tail, rest, 0, &second, nullptr);
        sqlite3_finalize(second);
        if (rc2 != SQLITE_OK || second != nullptr) {
            sqlite3_finalize(stmt_);
            throw programming_error("the SQL text holds more than one statement; use exec_driver_sql() for scripts",
                                    std::string(sql));
        }
    }
    columns_ = sqlite3_column_count(stmt_);
    parameters_ = sqlite3_bind_parameter_count(stmt_);
    readonly_ = sqlite3_stmt_readonly(stmt_) != 0;
}

sqlite_statement::~sqlite_statement() { sqlite3_finalize(stmt_); }

std::string_view sqlite_statement::sql() const noexcept { return sqlite3_sql(stmt_); }

void sqlite_statement::fail(int code) {
    // Read the message before reset() replaces it.
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    session_->fail(code, message, sql());
}

void sqlite_statement::check_bind(int code) {
    if (code != SQLITE_OK) [[unlikely]]
        throw_sqlite_error(code, sqlite3_errmsg(db_), sql());
    ++bound_;
}

void sqlite_statement::unbound_parameters() {
    throw programming_error("the statement was executed with " + std::to_string(bound_) + " of its " +
                                std::to_string(parameters_) + " parameters bound",
                            std::string(sql()));
}

void sqlite_statement::bind_null(int index) { check_bind(sqlite3_bind_null(stmt_, index + 1)); }

void sqlite_statement::bind_int(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_, index + 1, value));
}

void sqlite_statement::bind_double(int index, double value) {
    check_bind(sqlite3_bind_double(stmt_, index + 1, value));
}

void sqlite_statement::bind_bool(int index, bool value) { check_bind(sqlite3_bind_int(stmt_, index + 1, value)); }

// A statement without result columns runs to completion inside execute(), while
// the caller's text is still alive: SQLite may point at it instead of copying. A
// statement with rows is stepped after the caller's values are gone: SQLite copies.
void sqlite_statement::bind_text(int index, std::string_view value) {
    copies_bound_ |= columns_ != 0;
    check_bind(sqlite3_bind_text64(stmt_, index + 1, value.data(), value.size(),
                                   columns_ == 0 ? SQLITE_STATIC : SQLITE_TRANSIENT, SQLITE_UTF8));
}

void sqlite_statement::bind_blob(int index, std::span<const std::byte> value) {
    // A null data pointer would bind NULL, not an empty blob.
    static constexpr std::byte empty{};
    copies_bound_ |= columns_ != 0;
    check_bind(sqlite3_bind_blob64(stmt_, index + 1, value.empty() ? &empty : value.data(), value.size(),
                                   columns_ == 0 ? SQLITE_STATIC : SQLITE_TRANSIENT));
}

void sqlite_statement::execute() {
    // A parameter left unbound would be NULL, or still point at an earlier execution's
    // text (bindings without copies are kept between executions, see finish()).
    if (bound_ < parameters_) [[unlikely]]
        unbound_parameters();
    const connection_use::scope use(session_->use);
    if (use.timed()) [[unlikely]]
        session_->arm();
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        row_pending_ = true;
        done_ = false;
    } else if (rc == SQLITE_DONE) {
        row_pending_ = false;
        done_ = true;
        rows_affected_ = readonly_ ? 0 : sqlite3_changes64(db_);
    } else {
        fail(rc);
    }
}

bool sqlite_statement::next() {
    if (row_pending_) {
        row_pending_ = false;
        return true;
    }
    if (done_) return false;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail(rc);
    done_ = true;
    // INSERT/UPDATE/DELETE ... RETURNING: the count is known once the rows are read.
    rows_affected_ = readonly_ ? 0 : sqlite3_changes64(db_);
    return false;
}

std::int64_t sqlite_statement::last_insert_id() { return sqlite3_last_insert_rowid(db_); }

std::string_view sqlite_statement::column_name(int column) {
    const char* name = sqlite3_column_name(stmt_, column);
    return name ? std::string_view(name) : std::string_view{};
}

driver::field_kind sqlite_statement::kind_of(int column) {
    switch (sqlite3_column_type(stmt_, column)) {
        case SQLITE_INTEGER: return driver::field_kind::integer;
        case SQLITE_FLOAT: return driver::field_kind::real;
        case SQLITE_TEXT: return driver::field_kind::text;
        case SQLITE_BLOB: return driver::field_kind::blob;
        default: return driver::field_kind::null;
    }
}

bool sqlite_statement::is_null(int column) { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t sqlite_statement::get_int(int column) { return sqlite3_column_int64(stmt_, column); }

double sqlite_statement::get_double(int column) { return sqlite3_column_double(stmt_, column); }

bool sqlite_statement::get_bool(int column) { return sqlite3_column_int64(stmt_, column) != 0; }

std::string_view sqlite_statement::get_text(int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) return {};
    return {text, std::size_t(sqlite3_column_bytes(stmt_, column))};
}

// NULL reads as 0: only a 0 needs the type asked (one call per field, not two).
bool sqlite_statement::read_int(int column, std::int64_t& value) {
    const std::int64_t v = sqlite3_column_int64(stmt_, column);
    if (v == 0 && sqlite3_column_type(stmt_, column) == SQLITE_NULL) return false;
    value = v;
    return true;
}

// Only a missing text pointer needs the type asked: NULL, an empty blob, or a failed conversion.
bool sqlite_statement::read_text(int column, std::string_view& value) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) [[unlikely]] {
        if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return false;
        if (sqlite3_errcode(db_) == SQLITE_NOMEM) throw_sqlite_error(SQLITE_NOMEM, sqlite3_errmsg(db_), sql());
        value = {};
        return true;
    }
    value = {text, std::size_t(sqlite3_column_bytes(stmt_, column))};
    return true;
}

std::span<const std::byte> sqlite_statement::get_blob(int column) {
    const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(stmt_, column));
    if (data == nullptr) return {};
    return {data, std::size_t(sqlite3_column_bytes(stmt_, column))};
}

// Copies of bound text and blobs are freed now, not kept in the cached statement until
// its next execution. Other bindings stay (clearing them costs a call per execution):
// numbers are harmless, and text bound without a copy is never read again, because the
// next execution must bind every parameter anew (execute() checks).
void sqlite_statement::finish() noexcept {
    sqlite3_reset(stmt_);
    if (copies_bound_) {
        sqlite3_clear_bindings(stmt_);
        copies_bound_ = false;
    }
    bound_ = 0;
    row_pending_ = false;
    done_ = false;
    lent_ = false;
    rows_affected_ = 0;
    if (orphaned_) delete this;
}

}  // namespace retort::detail
