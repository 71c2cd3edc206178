#include "postgresql_connection.hpp"

#include <cmath>

#include <strings.h>

#include <libpq-fe.h>
#include <pqxx/connection>
#include <pqxx/errorhandler>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>
#include <retort/engine/copy_format.hpp>

#include "database_url.hpp"
#include "postgresql_copy.hpp"
#include "postgresql_error.hpp"

namespace retort::detail {
namespace {

// libpq's handle, caught as the connection policy opens it: libpqxx 6 keeps it
// private, and retort needs PQtransactionStatus to know the transaction state.
thread_local PGconn* opened_handle = nullptr;

}  // namespace

class handle_capturing_connect final : public pqxx::connect_direct {
public:
    explicit handle_capturing_connect(const std::string& options) : pqxx::connect_direct(options) {}
    handle do_startconnect(handle orig) override {
        handle h = pqxx::connect_direct::do_startconnect(orig);
        opened_handle = h;
        return h;
    }
};

class pqxx_link final : public pqxx::basic_connection_base<handle_capturing_connect> {
public:
    using pqxx::basic_connection_base<handle_capturing_connect>::basic_connection_base;
};

namespace {

// Server notices ("relation already exists, skipping") are not errors; libpqxx
// would print them on stderr.
class discard_notices final : public pqxx::errorhandler {
public:
    using pqxx::errorhandler::errorhandler;
    bool operator()(const char*) noexcept override { return false; }
};

void append_conninfo(std::string& out, std::string_view key, std::string_view value) {
    if (!out.empty()) out += ' ';
    out += key;
    out += "='";
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    out += '\'';
}

bool libpq_knows(std::string_view key) {
    PQconninfoOption* options = PQconndefaults();
    bool known = false;
    for (PQconninfoOption* o = options; o != nullptr && o->keyword != nullptr; ++o)
        if (key == o->keyword) known = true;
    PQconninfoFree(options);
    return known;
}

// The server-side name of the statement cached under `key`. Appended rather than
// "r" + std::to_string(key): GCC 12 at -O3 misreads that as an overlapping copy (-Wrestrict).
std::string prepared_name(std::size_t key) {
    std::string name = "r";
    name += std::to_string(key);
    return name;
}

}  // namespace

postgresql_config make_postgresql_config(const database_url& url, const engine_options& options) {
    postgresql_config config;
    // ?prepared_statements=false is retort's, not libpq's: it says a transaction-pooling
    // PgBouncer stands between, whatever the options say.
    config.prepared_statements = options.prepared_statements && url.flag("prepared_statements").value_or(true);
    config.statement_timeout = std::chrono::milliseconds(std::llround(options.statement_timeout * 1000));
    config.pipeline_depth = static_cast<std::size_t>(options.pipeline_depth);
    std::string& info = config.conninfo;
    bool has_timeout = false, has_encoding = false;
    if (!url.host.empty() && !url.option("host")) append_conninfo(info, "host", url.host);
    if (url.port && !url.option("port")) append_conninfo(info, "port", std::to_string(*url.port));
    if (!url.database.empty()) append_conninfo(info, "dbname", url.database);
    if (!url.username.empty()) append_conninfo(info, "user", url.username);
    if (!url.password.empty()) append_conninfo(info, "password", url.password);
    for (const auto& [key, value] : url.query) {
        if (key == "prepared_statements") continue;
        if (!libpq_knows(key))
            throw url_error("unknown PostgreSQL connection option '" + key + "' in URL '" + url.masked + "'");
        append_conninfo(info, key, value);
        has_timeout |= key == "connect_timeout";
        has_encoding |= key == "client_encoding";
    }
    if (!has_timeout && options.connect_timeout > 0)
        append_conninfo(info, "connect_timeout", std::to_string(std::lround(std::ceil(options.connect_timeout))));
    if (!has_encoding) append_conninfo(info, "client_encoding", "UTF8");
    return config;
}

postgresql_connection::postgresql_connection(const postgresql_config& config)
    : prepared_statements_(config.prepared_statements) {
    try {
        opened_handle = nullptr;
        conn_ = std::make_unique<pqxx_link>(config.conninfo);
        raw_ = opened_handle;
        // retort, not libpqxx, decides about reconnecting (the pool replaces the connection).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        conn_->inhibit_reactivation(true);
#pragma GCC diagnostic pop
        notices_ = std::make_unique<discard_notices>(*conn_);
    } catch (...) {
        close();
        rethrow_postgresql_error({}, true);
    }
    session_.conn = raw_;
    session_.forget_prepared = [this] { forget_prepared(); };
    default_timeout_ = config.statement_timeout;
    // Behind a transaction-pooling PgBouncer (no prepared statements) a SET would stay on
    // whichever server connection ran it, for other clients: the client cancels instead.
    if (default_timeout_.count() > 0 && prepared_statements_) {
        // The server cancels by itself too: a statement that runs long is stopped even when
        // nobody waits for it any more.
        try {
            exec("SET statement_timeout = " + std::to_string(default_timeout_.count()));
        } catch (const statement_error& e) {
            close();
            throw cannot_connect(e.driver_message(), e.sql(), e.code());
        }
    }
    set_statement_timeout(std::nullopt);
}

void postgresql_connection::set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) {
    session_.use.set_timeout(timeout.value_or(default_timeout_));
    // A longer timeout than the engine's is cut short by the server at the engine's.
    session_.server_enforces_timeout =
        prepared_statements_ && default_timeout_.count() > 0 && session_.use.timeout() >= default_timeout_;
}

void postgresql_connection::forget_prepared() {
    for (std::size_t key = 0; key < cache_.size(); ++key) {
        if (!cache_[key]) continue;
        std::string name = prepared_name(key);
        name += '_';
        name += std::to_string(++renames_);
        std::string old = cache_[key]->rename(std::move(name));
        if (!old.empty()) session_.stale.push_back(std::move(old));
    }
}

// The stale statements go when a command succeeds outside an aborted transaction (usually the
// ROLLBACK or BEGIN after the failure); a failure here leaves them for the server's session end.
void postgresql_connection::deallocate_stale() noexcept {
    if (raw_ == nullptr || PQtransactionStatus(raw_) == PQTRANS_INERROR) return;
    std::string sql;
    for (const std::string& name : session_.stale) sql += "DEALLOCATE " + name + ";";
    session_.stale.clear();
    PQclear(PQexec(raw_, sql.c_str()));
}

postgresql_connection::~postgresql_connection() {
    for (auto& statement : cache_)
        if (statement && statement->busy()) statement.release()->orphan();
    close();
}

driver::statement_handle postgresql_connection::prepare(std::size_t key, std::string_view sql) {
    if (raw_ == nullptr) [[unlikely]]
        throw resource_closed_error("this PostgreSQL connection is closed");
    if (key == driver::uncached || !prepared_statements_) return {new postgresql_statement(session_, {}, sql), true};
    if (key >= cache_.size()) cache_.resize(key + 1);
    auto& slot = cache_[key];
    if (!slot) {
        slot = std::make_unique<postgresql_statement>(session_, prepared_name(key), sql);  // prepared at first execute()
    } else if (slot->busy()) {
        // Rows of an earlier execution are still held (or it is not yet prepared on the
        // server): a second, unnamed statement runs the same SQL.
        return {new postgresql_statement(session_, {}, sql), true};
    }
    slot->lend();
    return {slot.get(), false};
}

driver::statement_handle postgresql_connection::prepare_streaming(std::string_view sql, int batch_rows) {
    if (raw_ == nullptr) [[unlikely]]
        throw resource_closed_error("this PostgreSQL connection is closed");
    if (batch_rows < 1) throw argument_error("stream_results: yield_per must be at least 1");
    auto* statement = new postgresql_statement(session_, {}, sql);
    statement->stream_through_cursor("retort_cursor_" + std::to_string(++cursors_), batch_rows);
    return {statement, true};
}

void postgresql_connection::copy_in(std::string_view table, std::span<const std::string> columns,
                                    function_ref<bool(std::string& buffer)> next_row) {
    if (raw_ == nullptr) [[unlikely]]
        throw resource_closed_error("this PostgreSQL connection is closed");
    // libpq's COPY protocol on the connection libpqxx holds (libpqxx 6.4's stream_to takes
    // only tuples it escapes itself); nothing else runs on the connection meanwhile.
    session_.fresh_begin.clear();
    const std::string sql = copy_from_stdin_sql(table, columns);
    const connection_use::scope use(session_.use);
    auto fail = [&](std::string message) {
        std::string code;
        if (PGresult* r = PQgetResult(raw_)) {
            if (const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE)) code = state;
            message = PQresultErrorMessage(r);
            PQclear(r);
            while (PGresult* rest = PQgetResult(raw_)) PQclear(rest);
        }
        throw_postgresql_error(message, sql, code);
    };
    PGresult* start = PQexec(raw_, sql.c_str());
    if (PQresultStatus(start) != PGRES_COPY_IN) {
        std::string message = PQresultErrorMessage(start);
        const char* state = PQresultErrorField(start, PG_DIAG_SQLSTATE);
        std::string code = state ? state : "";
        PQclear(start);
        throw_postgresql_error(message, sql, code);
    }
    PQclear(start);
    std::string chunk = empty_copy_chunk();
    try {
        for (bool more = true; more;) {
            more = fill_copy_chunk(chunk, next_row);
            if (!chunk.empty() && PQputCopyData(raw_, chunk.data(), int(chunk.size())) != 1) fail(PQerrorMessage(raw_));
            chunk.clear();
        }
    } catch (...) {
        // Abandon the COPY (the server discards its rows) and leave the connection usable.
        PQputCopyEnd(raw_, "retort: a row could not be written");
        while (PGresult* r = PQgetResult(raw_)) PQclear(r);
        throw;
    }
    if (PQputCopyEnd(raw_, nullptr) != 1) fail(PQerrorMessage(raw_));
    PGresult* end = PQgetResult(raw_);
    const bool ok = PQresultStatus(end) == PGRES_COMMAND_OK;
    std::string message = ok ? "" : PQresultErrorMessage(end);
    const char* state = ok ? nullptr : PQresultErrorField(end, PG_DIAG_SQLSTATE);
    std::string code = state ? state : "";
    PQclear(end);
    while (PGresult* rest = PQgetResult(raw_)) PQclear(rest);
    if (!ok) throw_postgresql_error(message, sql, code);
}

void postgresql_connection::exec(std::string_view sql) {
    if (raw_ == nullptr) [[unlikely]]
        throw resource_closed_error("this PostgreSQL connection is closed");
    // libpq itself, as statements do: the server's exact SQLSTATE, and no result leaked when
    // the connection dies under it (libpqxx 6.4 loses that PGresult).
    const std::string text(sql);
    const connection_use::scope use(session_.use);
    PGresult* result = use.timed() ? session_.timed([&] { return PQsendQuery(raw_, text.c_str()); }, sql)
                                   : PQexec(raw_, text.c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (result == nullptr || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY))
        [[unlikely]]
        throw_result_error(raw_, result, sql);
    PQclear(result);
    // A transaction that has only begun can be begun again (see postgresql_session).
    if (text.size() >= 5 && strncasecmp(text.c_str(), "BEGIN", 5) == 0 && (text.size() == 5 || text[5] == ' '))
        session_.fresh_begin = text;
    else
        session_.fresh_begin.clear();
    if (!session_.stale.empty()) [[unlikely]]
        deallocate_stale();
}

bool postgresql_connection::ping() noexcept {
    if (raw_ == nullptr || PQstatus(raw_) != CONNECTION_OK) return false;
    PGresult* result = PQexec(raw_, "SELECT 1");
    const bool alive = PQresultStatus(result) == PGRES_TUPLES_OK;
    PQclear(result);
    return alive;
}

std::int64_t postgresql_connection::last_insert_id() {
    throw not_supported_error("last_insert_id() is not available on PostgreSQL: the statement uses RETURNING");
}

bool postgresql_connection::in_transaction() const noexcept {
    if (raw_ == nullptr) return false;
    const PGTransactionStatusType status = PQtransactionStatus(raw_);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool postgresql_connection::transaction_failed() const noexcept {
    return raw_ != nullptr && PQtransactionStatus(raw_) == PQTRANS_INERROR;
}

void postgresql_connection::reset() {
    if (in_transaction()) exec("ROLLBACK");
}

void postgresql_connection::close() noexcept {
    session_.conn = nullptr;
    // The cache stays until destruction: handles still lent out may finish() their
    // statements, which touches only the statement's own result.
    notices_.reset();
    conn_.reset();
    raw_ = nullptr;
}

}  // namespace retort::detail
