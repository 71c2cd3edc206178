#include "postgresql_statement.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

#include <libpq-fe.h>

#include <retort/core/errors.hpp>

#include "postgresql_error.hpp"

namespace retort::detail {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

postgresql_statement::postgresql_statement(pg_conn* conn, std::string name, std::string_view sql)
    : conn_(conn), name_(std::move(name)), sql_(sql) {}

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

void postgresql_statement::execute() {
    values_.resize(texts_.size());
    for (std::size_t i = 0; i < texts_.size(); ++i) values_[i] = nulls_[i] ? nullptr : texts_[i].c_str();
    const int count = int(values_.size());
    clear_result();
    row_ = -1;
    rows_ = 0;
    if (!cursor_.empty()) {
        // The parameters are bound once, in the DECLARE; FETCH reads on from the cursor.
        const std::string declare = "DECLARE " + cursor_ + " NO SCROLL CURSOR FOR " + sql_;
        command(PQexecParams(conn_, declare.c_str(), count, nullptr, values_.data(), nullptr, nullptr, 0));
        cursor_open_ = true;
        cursor_done_ = false;
        fetched_ = 0;
        return;
    }
    if (!prepared_ && !name_.empty()) {
        command(PQprepare(conn_, name_.c_str(), sql_.c_str(), 0, nullptr));
        prepared_ = true;
    }
    pg_result* result = name_.empty()
                            ? PQexecParams(conn_, sql_.c_str(), count, nullptr, values_.data(), nullptr, nullptr, 0)
                            : PQexecPrepared(conn_, name_.c_str(), count, values_.data(), nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) [[unlikely]]
        throw_result_error(conn_, result, sql_);
    result_ = result;
    rows_ = PQntuples(result);
}

bool postgresql_statement::fetch_more() {
    if (!cursor_open_ || cursor_done_) return false;
    clear_result();
    const std::string fetch = "FETCH FORWARD " + std::to_string(batch_rows_) + " FROM " + cursor_;
    pg_result* result = PQexec(conn_, fetch.c_str());
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

bool postgresql_statement::is_null(int column) { return PQgetisnull(result_, row_, column) != 0; }

void postgresql_statement::bad_value(int column, std::string_view unfit) {
    const std::string_view text = text_at(column);
    std::string shown(text.substr(0, 64));
    const char* name = PQfname(result_, column);
    throw data_error("result column " + std::to_string(column) + " (\"" + (name ? name : "") + "\") holds '" + shown +
                         "', which " + std::string(unfit),
                     sql_);
}

std::int64_t postgresql_statement::get_int(int column) {
    const std::string_view text = text_at(column);
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

double postgresql_statement::get_double(int column) {
    const std::string_view text = text_at(column);
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

bool postgresql_statement::read_int(int column, std::int64_t& value) {
    if (PQgetisnull(result_, row_, column)) return false;
    value = get_int(column);
    return true;
}

bool postgresql_statement::read_double(int column, double& value) {
    if (PQgetisnull(result_, row_, column)) return false;
    value = get_double(column);
    return true;
}

bool postgresql_statement::read_text(int column, std::string_view& value) {
    if (PQgetisnull(result_, row_, column)) return false;
    value = text_at(column);
    return true;
}

std::string postgresql_statement::column_name(int column) {
    const char* name = result_ ? PQfname(result_, column) : nullptr;
    return name ? name : "";
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
