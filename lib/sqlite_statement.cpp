#include "sqlite_statement.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include <sqlite3.h>

#include <retort/core/errors.hpp>

#include "hot_path.hpp"
#include "row_writing.hpp"
#include "sqlite_error.hpp"

namespace retort::detail {

[[noreturn]] void sqlite_session::fail(int code, std::string_view message, std::string_view sql) const {
    if ((code & 0xff) == SQLITE_INTERRUPT) interrupted.store(false, std::memory_order_relaxed);
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

void sqlite_statement::bind_failed(int code) { throw_sqlite_error(code, sqlite3_errmsg(db_), sql()); }

void sqlite_statement::unbound_parameters() {
    throw programming_error("the statement was executed with " + std::to_string(bound_) + " of its " +
                                std::to_string(parameters_) + " parameters bound",
                            std::string(sql()));
}

RETORT_HOT_PATH void sqlite_statement::bind_null(int index) {
    check_bind(sqlite3_bind_null(stmt_, index + 1));
}

RETORT_HOT_PATH void sqlite_statement::bind_int(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_, index + 1, value));
}

RETORT_HOT_PATH void sqlite_statement::bind_double(int index, double value) {
    check_bind(sqlite3_bind_double(stmt_, index + 1, value));
}

RETORT_HOT_PATH void sqlite_statement::bind_bool(int index, bool value) {
    check_bind(sqlite3_bind_int(stmt_, index + 1, value));
}

// A statement without result columns runs to completion inside execute(), while
// the caller's text is still alive: SQLite may point at it instead of copying. A
// statement with rows is stepped after the caller's values are gone: SQLite copies.
RETORT_HOT_PATH void sqlite_statement::bind_text(int index, std::string_view value) {
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

// The first step of execute() and execute_insert(), after the checks every execution makes;
// `stepped` takes sqlite3_step's result while the connection is still marked in use.
template <class Stepped>
[[gnu::always_inline]] inline auto sqlite_statement::first_step(Stepped&& stepped) {
    // A parameter left unbound would be NULL, or still point at an earlier execution's
    // text (bindings without copies are kept between executions, see finish()).
    if (bound_ < parameters_) [[unlikely]]
        unbound_parameters();
    const connection_use::scope use(session_->use);
    if (use.timed()) [[unlikely]]
        session_->arm();
    return stepped(sqlite3_step(stmt_));
}

// Copies of bound text and blobs are freed now, not kept in the cached statement until
// its next execution. Other bindings stay (clearing them costs a call per execution):
// numbers are harmless, and text bound without a copy is never read again, because the
// next execution must bind every parameter anew (execute() checks).
[[gnu::always_inline]] inline void sqlite_statement::finish_here() noexcept {
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
    if (orphaned_) [[unlikely]]
        drop_orphan();
}

void sqlite_statement::drop_orphan() noexcept { delete this; }

// What the first step returned: a row to hand out, the end, or an error.
[[gnu::always_inline]] inline void sqlite_statement::took_first_step(int rc) {
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

RETORT_HOT_PATH void sqlite_statement::execute() {
    first_step([this](int rc) { took_first_step(rc); });
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

RETORT_HOT_PATH std::int64_t sqlite_statement::rows_affected() { return rows_affected_; }

// execute(), both counts and finish() in one call; the end of the statement is the path of an
// INSERT (an error is out of line; a row, from an INSERT that returns one, is let go unread).
RETORT_HOT_PATH driver::inserted_row sqlite_statement::execute_insert() {
    const driver::inserted_row inserted = first_step([this](int rc) -> driver::inserted_row {
        if (rc != SQLITE_DONE) [[unlikely]] {
            if (rc != SQLITE_ROW) fail(rc);
            return {0, 0};
        }
        driver::inserted_row inserted{sqlite3_changes64(db_), 0};
        if (inserted.rowcount > 0) [[likely]]
            inserted.id = sqlite3_last_insert_rowid(db_);
        return inserted;
    });
    finish_here();  // (the handle does not call finish() after this call)
    return inserted;
}

RETORT_HOT_PATH void sqlite_statement::finish() noexcept { finish_here(); }

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

// SQLite's type affinity lets any column hold a value of any storage class: a REAL 2.5
// or the TEXT 'abc' in an INTEGER column, where sqlite3_column_int64() would answer 2
// and 0. So each read asks the storage class first (SQLite has it at hand) and converts
// only what the C++ type holds exactly; anything else is a data_error naming the column
// and the value. TEXT is never parsed as a number: pysqlite hands such a field back as
// a str, and SQLAlchemy's Integer and Float leave it so.
void sqlite_statement::bad_value(int column, int type, std::string_view unfit) {
    std::string shown;
    switch (type) {
        case SQLITE_INTEGER: shown = "INTEGER " + std::to_string(sqlite3_column_int64(stmt_, column)); break;
        case SQLITE_FLOAT: {
            char buffer[32];
            const double v = sqlite3_column_double(stmt_, column);
            const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
            shown = "REAL " + std::string(buffer, end);
            break;
        }
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
            const std::size_t size = std::size_t(sqlite3_column_bytes(stmt_, column));
            constexpr std::size_t shown_bytes = 64;
            shown = "TEXT '" + std::string(text ? text : "", std::min(size, shown_bytes)) + "'";
            if (size > shown_bytes) shown += " (" + std::to_string(size) + " bytes)";
            break;
        }
        case SQLITE_BLOB: shown = "a BLOB of " + std::to_string(sqlite3_column_bytes(stmt_, column)) + " bytes"; break;
        default: shown = "NULL"; break;
    }
    throw data_error("result column " + std::to_string(column) + " (\"" + std::string(column_name(column)) + "\") holds " + shown +
                         ", which " + std::string(unfit),
                     std::string(sql()));
}

// A REAL as a 64-bit integer: only a whole number inside the range (2.5 and 9.2e18 are refused).
std::int64_t sqlite_statement::real_as_int(int column) {
    const double v = sqlite3_column_double(stmt_, column);
    if (v != std::trunc(v)) bad_value(column, SQLITE_FLOAT, "is not an integer");
    // 2^63 is the first double past INT64_MAX; -2^63 is INT64_MIN itself.
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0))
        bad_value(column, SQLITE_FLOAT, "is out of range for a 64-bit integer");
    return std::int64_t(v);
}

std::int64_t sqlite_statement::get_int(int column) {
    const int type = sqlite3_column_type(stmt_, column);
    if (type == SQLITE_INTEGER) [[likely]]
        return sqlite3_column_int64(stmt_, column);
    if (type == SQLITE_FLOAT) return real_as_int(column);
    if (type == SQLITE_NULL) return 0;
    bad_value(column, type, "is not an integer");
}

// An INTEGER as a double: exactly, or not at all (2^53 + 1 has no double).
double sqlite_statement::int_as_double(int column) {
    const std::int64_t v = sqlite3_column_int64(stmt_, column);
    const double d = double(v);
    if (d < 9223372036854775808.0 && std::int64_t(d) == v) return d;
    bad_value(column, SQLITE_INTEGER, "a double cannot hold exactly");
}

double sqlite_statement::get_double(int column) {
    double value = 0;
    read_double(column, value);
    return value;
}

bool sqlite_statement::read_double(int column, double& value) {
    const int type = sqlite3_column_type(stmt_, column);
    if (type == SQLITE_FLOAT) [[likely]] {
        value = sqlite3_column_double(stmt_, column);
        return true;
    }
    if (type == SQLITE_NULL) return false;
    if (type == SQLITE_INTEGER) {
        value = int_as_double(column);
        return true;
    }
    bad_value(column, type, "is not a number");
}

// INTEGER as C's truth (SQLAlchemy's Boolean on SQLite reads bool(value)); nothing else.
bool sqlite_statement::get_bool(int column) {
    const int type = sqlite3_column_type(stmt_, column);
    if (type == SQLITE_INTEGER) [[likely]]
        return sqlite3_column_int64(stmt_, column) != 0;
    if (type == SQLITE_NULL) return false;
    bad_value(column, type, "is not a boolean (0 or 1)");
}

std::string_view sqlite_statement::get_text(int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) return {};
    return {text, std::size_t(sqlite3_column_bytes(stmt_, column))};
}

// The hot reads look the column up once (sqlite3_column_value) and ask that value its storage
// class and contents: each sqlite3_column_* call would look the column up, enter the
// connection's mutex and check for an allocation failure again. (The value is "unprotected":
// fine, a connection is used by one thread at a time.) The storage class answers NULL too.
bool sqlite_statement::read_int(int column, std::int64_t& value) {
    sqlite3_value* field = sqlite3_column_value(stmt_, column);
    const int type = sqlite3_value_type(field);
    if (type == SQLITE_INTEGER) [[likely]] {
        value = sqlite3_value_int64(field);
        return true;
    }
    if (type == SQLITE_NULL) return false;
    if (type == SQLITE_FLOAT) {
        value = real_as_int(column);
        return true;
    }
    bad_value(column, type, "is not an integer");
}

// Only a missing text pointer needs more asked: NULL, an empty blob, or a failed conversion
// (which only the sqlite3_column_* calls report to the connection).
bool sqlite_statement::read_text(int column, std::string_view& value) {
    sqlite3_value* field = sqlite3_column_value(stmt_, column);
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(field));
    if (text != nullptr) [[likely]] {
        value = {text, std::size_t(sqlite3_value_bytes(field))};
        return true;
    }
    text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) {
        if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return false;
        if (sqlite3_errcode(db_) == SQLITE_NOMEM) throw_sqlite_error(SQLITE_NOMEM, sqlite3_errmsg(db_), sql());
        value = {};
        return true;
    }
    value = {text, std::size_t(sqlite3_column_bytes(stmt_, column))};
    return true;
}

// Each field as its storage class holds it, converted to nothing: a reader wanting another
// type (or meeting a missing text pointer) asks read_int()/read_text()... for that field,
// which convert exactly or throw as above.
namespace {
[[gnu::always_inline]] inline void read_field_as_stored(sqlite3_value* value, driver::field& f) {
    switch (sqlite3_value_type(value)) {
        case SQLITE_INTEGER:
            f.kind = driver::field_kind::integer;
            f.integer = sqlite3_value_int64(value);
            break;
        case SQLITE_FLOAT:
            f.kind = driver::field_kind::real;
            f.real = sqlite3_value_double(value);
            break;
        case SQLITE_TEXT:
            if (const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value))) [[likely]] {
                f.kind = driver::field_kind::text;
                f.text = text;
                f.size = std::size_t(sqlite3_value_bytes(value));
            } else {
                f.kind = driver::field_kind::blob;  // out of memory: read_text() says so
            }
            break;
        case SQLITE_BLOB: f.kind = driver::field_kind::blob; break;
        default: f.kind = driver::field_kind::null; break;
    }
}

// next_row()'s writer: the value where its storage class is the target's own (NULL into a
// std::optional), else false with nothing written, for read_into_row() to convert or refuse as
// the typed reader does. Text is asked for without its storage class first:
// sqlite3_value_text() gives what read_text() would for any of them, and no pointer for NULL.
// A field left to the reader goes into the field array as stored.
struct sqlite_row_writer {
    sqlite3_stmt* stmt;
    std::span<driver::field> fields;

    template <class T, bool Nullable>
    [[gnu::always_inline]] bool write(int column, char* at) const {
        sqlite3_value* value = sqlite3_column_value(stmt, column);
        if constexpr (std::is_same_v<T, std::string>) {
            if (const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value))) [[likely]] {
                const auto size = std::size_t(sqlite3_value_bytes(value));
                field_at<std::string, Nullable>(at).assign(text, size);
                return true;
            }
            if (!Nullable || sqlite3_value_type(value) != SQLITE_NULL) return false;
        } else {
            const int type = sqlite3_value_type(value);
            if (type == (std::is_same_v<T, double> ? SQLITE_FLOAT : SQLITE_INTEGER)) [[likely]] {
                if constexpr (std::is_same_v<T, double>) {
                    field_at<double, Nullable>(at) = sqlite3_value_double(value);
                } else {
                    const std::int64_t v = sqlite3_value_int64(value);
                    if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) return false;
                    field_at<T, Nullable>(at) = T(v);
                }
                return true;
            }
            if (!Nullable || type != SQLITE_NULL) return false;
        }
        null_at<T>(at);
        return true;
    }
    [[gnu::always_inline]] void leave(int column) const {
        read_field_as_stored(sqlite3_column_value(stmt, column), fields[std::size_t(column)]);
    }
};
}  // namespace

bool sqlite_statement::read_fields(std::span<driver::field> fields) {
    int column = 0;
    for (driver::field& f : fields) read_field_as_stored(sqlite3_column_value(stmt_, column++), f);
    return true;
}

// One call a row for the typed row loop (the class is final: next() is a direct call).
driver::row_step sqlite_statement::next_row(std::span<driver::field> fields, driver::row_destination into) {
    if (!next()) [[unlikely]]
        return driver::row_step::end;
    sqlite_row_writer writer{stmt_, fields};
    write_row(writer, *this, into);
    return driver::row_step::row_and_fields;
}

std::span<const std::byte> sqlite_statement::get_blob(int column) {
    const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(stmt_, column));
    if (data == nullptr) return {};
    return {data, std::size_t(sqlite3_column_bytes(stmt_, column))};
}

}  // namespace retort::detail
