#include "postgresql_statement.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>

#include <libpq-fe.h>
#include <poll.h>

#include <retort/core/errors.hpp>

#include "postgresql_error.hpp"
#include "row_writing.hpp"

namespace retort::detail {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// PostgreSQL's words when a table a prepared statement reads changed its result columns.
bool stale_plan(pg_result* result) noexcept {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    return state != nullptr && message != nullptr && std::strcmp(state, "0A000") == 0 &&
           std::strstr(message, "cached plan must not change result type") != nullptr;
}

}  // namespace

pg_result* postgresql_session::timed(function_ref<int()> send, std::string_view sql) {
    using clock = std::chrono::steady_clock;
    using std::chrono::milliseconds;
    if (send() != 1) return nullptr;
    const milliseconds timeout = use.timeout();
    // The server's own statement_timeout answers first when it is the same: a second more.
    clock::time_point deadline = clock::now() + timeout + (server_enforces_timeout ? milliseconds(1000) : milliseconds(0));
    bool cancelled = false;
    while (PQisBusy(conn)) {
        const clock::time_point now = clock::now();
        if (now >= deadline) {
            if (cancelled) {
                // Neither the statement's answer nor the cancel's: the connection cannot be trusted.
                throw connection_lost("statement timeout: the server answered neither the statement within " +
                                          std::to_string(timeout.count()) +
                                          " ms nor the cancel request 10 s later; the connection is dropped",
                                      std::string(sql));
            }
            if (PGcancel* cancel = PQgetCancel(conn)) {
                char error[256];
                PQcancel(cancel, error, sizeof error);
                PQfreeCancel(cancel);
            }
            cancelled = true;
            deadline = now + std::chrono::seconds(10);
            continue;
        }
        pollfd socket{PQsocket(conn), POLLIN, 0};
        const auto wait = std::chrono::ceil<milliseconds>(deadline - now).count();
        const int ready = poll(&socket, 1, int(std::min<long long>(wait, 60'000)));
        if (ready < 0 && errno != EINTR) break;
        // A broken connection: PQgetResult reports it.
        if (ready > 0 && PQconsumeInput(conn) == 0) break;
    }
    // As PQexec: the last result, an error in preference.
    pg_result* kept = nullptr;
    while (pg_result* result = PQgetResult(conn)) {
        const ExecStatusType status = PQresultStatus(result);
        if (kept == nullptr || status == PGRES_FATAL_ERROR || PQresultStatus(kept) != PGRES_FATAL_ERROR) {
            PQclear(kept);
            kept = result;
        } else {
            PQclear(result);
        }
        if (PQstatus(conn) == CONNECTION_BAD) break;
    }
    const char* state = kept ? PQresultErrorField(kept, PG_DIAG_SQLSTATE) : nullptr;
    if (state != nullptr && std::strcmp(state, "57014") == 0 && cancelled) {
        std::string message = PQresultErrorField(kept, PG_DIAG_MESSAGE_PRIMARY);
        PQclear(kept);
        throw_timed_out(timeout, message, sql);
    }
    return kept;
}

postgresql_statement::postgresql_statement(postgresql_session& session, std::string name, std::string_view sql)
    : session_(&session), conn_(session.conn), name_(std::move(name)), sql_(sql) {}

std::string postgresql_statement::rename(std::string name) {
    std::string old = std::exchange(name_, std::move(name));
    if (!std::exchange(prepared_, false)) old.clear();
    return old;
}

postgresql_statement::~postgresql_statement() { PQclear(result_); }

void postgresql_statement::clear_result() noexcept {
    PQclear(result_);
    result_ = nullptr;
}

int postgresql_statement::column_count() { return result_ ? PQnfields(result_) : 0; }

std::string_view postgresql_statement::text_at(int column) const noexcept {
    return {PQgetvalue(result_, row_, column), std::size_t(PQgetlength(result_, row_, column))};
}

void postgresql_statement::command(pg_result* result) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK) throw_result_error(conn_, result, sql_);
    PQclear(result);
}

std::string& postgresql_statement::slot(int index) {
    const auto i = std::size_t(index);
    if (i >= texts_.size()) {
        texts_.resize(i + 1);
        nulls_.resize(i + 1, 1);
    }
    nulls_[i] = 0;
    return texts_[i];
}

void postgresql_statement::bind_null(int index) {
    slot(index);
    nulls_[std::size_t(index)] = 1;
}

void postgresql_statement::bind_int(int index, std::int64_t value) {
    std::string& text = slot(index);
    char buffer[24];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    text.assign(buffer, end);
}

void postgresql_statement::bind_double(int index, double value) {
    std::string& text = slot(index);
    // PostgreSQL's spelling of the special values (float8in).
    if (std::isnan(value)) {
        text = "NaN";
    } else if (std::isinf(value)) {
        text = value > 0 ? "Infinity" : "-Infinity";
    } else {
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round trip
        text.assign(buffer, end);
    }
}

void postgresql_statement::bind_bool(int index, bool value) { slot(index).assign(1, value ? 't' : 'f'); }

void postgresql_statement::bind_text(int index, std::string_view value) {
    // Parameters go to libpq as C strings, and PostgreSQL text cannot hold NUL anyway.
    if (std::memchr(value.data(), '\0', value.size()) != nullptr)
        throw data_error("text parameter " + std::to_string(index + 1) +
                             " contains a NUL character, which PostgreSQL text cannot hold (bind it as a blob)",
                         sql_);
    slot(index).assign(value.data(), value.size());
}

void postgresql_statement::bind_blob(int index, std::span<const std::byte> value) {
    // bytea's hex input format: \x followed by two hex digits per byte.
    std::string& text = slot(index);
    text.resize(2 + 2 * value.size());
    text[0] = '\\';
    text[1] = 'x';
    char* out = text.data() + 2;
    for (std::byte b : value) {
        *out++ = hex_digits[std::to_integer<unsigned>(b) >> 4];
        *out++ = hex_digits[std::to_integer<unsigned>(b) & 0xf];
    }
}

pg_result* postgresql_statement::run_prepared(bool timed, int count) {
    if (!prepared_ && !name_.empty()) {
        command(timed ? session_->timed([&] { return PQsendPrepare(conn_, name_.c_str(), sql_.c_str(), 0, nullptr); }, sql_)
                      : PQprepare(conn_, name_.c_str(), sql_.c_str(), 0, nullptr));
        prepared_ = true;
    }
    if (timed) [[unlikely]]
        return session_->timed(
            [&] {
                return name_.empty() ? PQsendQueryParams(conn_, sql_.c_str(), count, nullptr, values_.data(), nullptr,
                                                         nullptr, 0)
                                     : PQsendQueryPrepared(conn_, name_.c_str(), count, values_.data(), nullptr, nullptr, 0);
            },
            sql_);
    return name_.empty() ? PQexecParams(conn_, sql_.c_str(), count, nullptr, values_.data(), nullptr, nullptr, 0)
                         : PQexecPrepared(conn_, name_.c_str(), count, values_.data(), nullptr, nullptr, 0);
}

const char* const* postgresql_statement::parameter_values(int& count) {
    values_.resize(texts_.size());
    for (std::size_t i = 0; i < texts_.size(); ++i) values_[i] = nulls_[i] ? nullptr : texts_[i].c_str();
    count = int(values_.size());
    clear_result();
    row_ = -1;
    rows_ = 0;
    return values_.data();
}

void postgresql_statement::accept_result(pg_result* result) {
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) [[unlikely]]
        throw_result_error(conn_, result, sql_);
    result_ = result;
    rows_ = PQntuples(result);
}

void postgresql_statement::execute() {
    const connection_use::scope use(session_->use);
    std::string begin_sql;  // the transaction's BEGIN, when this is its first statement
    begin_sql.swap(session_->fresh_begin);
    int count = 0;
    const char* const* values = parameter_values(count);
    if (!cursor_.empty()) {
        // The parameters are bound once, in the DECLARE; FETCH reads on from the cursor.
        const std::string declare = "DECLARE " + cursor_ + " NO SCROLL CURSOR FOR " + sql_;
        const auto send = [&] { return PQsendQueryParams(conn_, declare.c_str(), count, nullptr, values, nullptr, nullptr, 0); };
        command(use.timed() ? session_->timed(send, sql_)
                            : PQexecParams(conn_, declare.c_str(), count, nullptr, values, nullptr, nullptr, 0));
        cursor_open_ = true;
        cursor_done_ = false;
        fetched_ = 0;
        return;
    }
    pg_result* result = run_prepared(use.timed(), count);
    ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) [[unlikely]] {
        if (name_.empty() || !stale_plan(result)) throw_result_error(conn_, result, sql_);
        // A table changed its columns under the prepared statements: every one of them may be
        // stale, so all are prepared again. Outside a transaction nothing was lost and the
        // statement runs again; inside one the transaction is aborted.
        session_->forget_prepared();
        if (PQtransactionStatus(conn_) != PQTRANS_IDLE && !begin_sql.empty()) {
            // The first statement of its transaction: nothing done in it is lost by beginning
            // it again.
            PQclear(result);
            command(PQexec(conn_, "ROLLBACK"));
            command(PQexec(conn_, begin_sql.c_str()));
            result = nullptr;
        } else if (PQtransactionStatus(conn_) != PQTRANS_IDLE) {
            const std::string message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
            PQclear(result);
            throw stale_statement_error(
                "the table definitions changed since this statement was prepared (" + message +
                    "): the connection has dropped its prepared statements; roll back and run the transaction again",
                sql_, "0A000");
        }
        PQclear(result);
        result = run_prepared(use.timed(), count);
    }
    accept_result(result);
}

bool postgresql_statement::fetch_more() {
    if (!cursor_open_ || cursor_done_) return false;
    clear_result();
    const connection_use::scope use(session_->use);
    const std::string fetch = "FETCH FORWARD " + std::to_string(batch_rows_) + " FROM " + cursor_;
    pg_result* result = use.timed() ? session_->timed([&] { return PQsendQuery(conn_, fetch.c_str()); }, sql_)
                                    : PQexec(conn_, fetch.c_str());
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
        cursor_open_ = false;
        throw_result_error(conn_, result, sql_);
    }
    result_ = result;
    rows_ = PQntuples(result);
    fetched_ += rows_;
    cursor_done_ = rows_ < batch_rows_;
    if (cursor_done_) {
        cursor_open_ = false;
        const std::string close = "CLOSE " + cursor_;  // still in the cursor's transaction: free it now
        command(PQexec(conn_, close.c_str()));
    }
    row_ = 0;
    return rows_ > 0;
}

std::string_view postgresql_statement::column_name(int column) {
    const char* name = result_ ? PQfname(result_, column) : nullptr;
    return name ? std::string_view(name) : std::string_view{};
}

driver::field_kind postgresql_statement::kind_of(int column) {
    if (PQgetisnull(result_, row_, column)) return driver::field_kind::null;
    // Built-in type OIDs (pg_type.dat): these are fixed across PostgreSQL versions.
    switch (PQftype(result_, column)) {
        case 16: return driver::field_kind::boolean;                         // bool
        case 20: case 21: case 23: case 26: return driver::field_kind::integer;  // int8, int2, int4, oid
        case 700: case 701: return driver::field_kind::real;                 // float4, float8
        case 17: return driver::field_kind::blob;                            // bytea
        default: return driver::field_kind::text;
    }
}

bool postgresql_statement::is_null(int column) { return PQgetisnull(result_, row_, column) != 0; }

void postgresql_statement::bad_value(int column, std::string_view unfit) {
    const std::string_view text = text_at(column);
    std::string shown(text.substr(0, 64));
    const char* name = PQfname(result_, column);
    throw data_error("result column " + std::to_string(column) + " (\"" + (name ? name : "") + "\") holds '" + shown +
                         "', which " + std::string(unfit),
                     sql_);
}

std::int64_t postgresql_statement::get_int(int column) { return parse_int(column, text_at(column)); }

std::int64_t postgresql_statement::parse_int(int column, std::string_view text) {
    std::int64_t value = 0;
    const auto [stop, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || stop != text.data() + text.size()) [[unlikely]] {
        // A NUMERIC such as sum(bigint) can hold more digits than 64 bits.
        if (ec == std::errc::result_out_of_range && stop == text.data() + text.size())
            bad_value(column, "is out of range for a 64-bit integer");
        bad_value(column, "is not an integer");
    }
    return value;
}

double postgresql_statement::get_double(int column) { return parse_double(column, text_at(column)); }

double postgresql_statement::parse_double(int column, std::string_view text) {
    if (text == "NaN") return std::nan("");
    if (text == "Infinity") return HUGE_VAL;
    if (text == "-Infinity") return -HUGE_VAL;
    double value = 0;
    const auto [stop, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || stop != text.data() + text.size()) bad_value(column, "is not a number");
    return value;
}

bool postgresql_statement::get_bool(int column) {
    const std::string_view text = text_at(column);
    if (text.size() == 1) {
        if (text[0] == 't') return true;
        if (text[0] == 'f') return false;
    }
    bad_value(column, "is not a boolean");
}

std::string_view postgresql_statement::get_text(int column) { return text_at(column); }

// The field's text, or nothing when it is NULL. libpq gives NULL a length of 0, so only an
// empty field is asked whether it is NULL: a call per field saved against asking each.
bool postgresql_statement::field_text(int column, std::string_view& text) const noexcept {
    const int length = PQgetlength(result_, row_, column);
    if (length == 0 && PQgetisnull(result_, row_, column)) return false;
    text = {PQgetvalue(result_, row_, column), std::size_t(length)};
    return true;
}

bool postgresql_statement::read_int(int column, std::int64_t& value) {
    std::string_view text;
    if (!field_text(column, text)) return false;
    value = parse_int(column, text);
    return true;
}

bool postgresql_statement::read_double(int column, double& value) {
    std::string_view text;
    if (!field_text(column, text)) return false;
    value = parse_double(column, text);
    return true;
}

bool postgresql_statement::read_text(int column, std::string_view& value) { return field_text(column, value); }

// next_row()'s writer: the field's text parsed as the target's type, or false with nothing
// written (a NULL in a plain field, text that is not such a number, a number out of the type's
// range) for read_into_row() to convert or refuse as the typed reader does. std::from_chars
// reads what parse_int() and parse_double() do (NaN and the infinities as PostgreSQL writes
// them). A field left to the reader is read by it, field by field.
template <class T, bool Nullable>
bool postgresql_statement::write(int column, char* at) const {
    std::string_view text;
    if (!field_text(column, text)) {
        if constexpr (!Nullable) return false;
        null_at<T>(at);
        return true;
    }
    if constexpr (std::is_same_v<T, std::string>) {
        field_at<std::string, Nullable>(at).assign(text);
    } else {
        T value{};
        const auto [stop, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || stop != text.data() + text.size()) [[unlikely]]
            return false;
        field_at<T, Nullable>(at) = value;
    }
    return true;
}

driver::row_step postgresql_statement::next_row(std::span<driver::field>, driver::row_destination into) {
    if (!next()) [[unlikely]]
        return driver::row_step::end;
    write_row(*this, *this, into);
    return driver::row_step::row;
}

std::span<const std::byte> postgresql_statement::get_blob(int column) {
    const char* text = PQgetvalue(result_, row_, column);
    const std::size_t size = std::size_t(PQgetlength(result_, row_, column));
    if (size >= 2 && text[0] == '\\' && text[1] == 'x') {
        if (size % 2 != 0) bad_value(column, "is not bytea in hex format");
        blob_.resize((size - 2) / 2);
        for (std::size_t i = 0; i < blob_.size(); ++i) {
            const int hi = hex_value(text[2 + 2 * i]), lo = hex_value(text[3 + 2 * i]);
            if (hi < 0 || lo < 0) bad_value(column, "is not bytea in hex format");
            blob_[i] = std::byte(hi * 16 + lo);
        }
        return blob_;
    }
    // bytea_output = 'escape' on this server: libpq decodes it.
    std::size_t length = 0;
    unsigned char* decoded = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
    if (decoded == nullptr) bad_value(column, "is not bytea");
    blob_.assign(reinterpret_cast<const std::byte*>(decoded), reinterpret_cast<const std::byte*>(decoded) + length);
    PQfreemem(decoded);
    return blob_;
}

std::int64_t postgresql_statement::rows_affected() {
    if (!cursor_.empty()) return fetched_;
    if (result_ == nullptr) return 0;
    // "" for commands that count nothing; else the count of rows inserted, changed or returned.
    const std::string_view text = PQcmdTuples(result_);
    std::int64_t count = 0;
    std::from_chars(text.data(), text.data() + text.size(), count);
    return count;
}

std::int64_t postgresql_statement::last_insert_id() {
    throw not_supported_error("last_insert_id() is not available on this driver: the statement uses RETURNING");
}

driver::inserted_row postgresql_statement::execute_insert() {
    throw not_supported_error("execute_insert() is not available on this driver: the statement uses RETURNING");
}

// A cursor left before its end is closed by the end of its transaction: a CLOSE here
// could run in a later transaction, where the cursor no longer exists, and abort it.
void postgresql_statement::finish() noexcept {
    cursor_open_ = false;
    clear_result();
    row_ = -1;
    rows_ = 0;
    lent_ = false;
    std::fill(nulls_.begin(), nulls_.end(), char(1));
    if (orphaned_) delete this;
}

}  // namespace retort::detail
