#include "postgresql_error.hpp"

#include <libpq-fe.h>
#include <pqxx/except>

#include <retort/core/errors.hpp>

namespace retort::detail {
namespace {

// libpq ends its messages with a newline; the exception adds its own lines.
std::string trimmed(std::string_view message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.remove_suffix(1);
    return std::string(message);
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

void throw_postgresql_error(std::string message, std::string_view sql, const std::string& state, bool connecting) {
    std::string text(sql);
    if (state == "23505") throw unique_violation(std::move(message), std::move(text), state);
    if (state == "23503") throw foreign_key_violation(std::move(message), std::move(text), state);
    if (state == "23502") throw not_null_violation(std::move(message), std::move(text), state);
    if (state == "23514") throw check_violation(std::move(message), std::move(text), state);
    if (starts_with(state, "23")) throw integrity_error(std::move(message), std::move(text), state);
    if (state == "40001") throw serialization_failure(std::move(message), std::move(text), state);
    if (state == "40P01") throw deadlock_detected(std::move(message), std::move(text), state);
    if (starts_with(state, "40")) throw transient_error(std::move(message), std::move(text), state);
    // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now: the session is gone.
    if (starts_with(state, "08") || state == "57P01" || state == "57P02" || state == "57P03") {
        if (connecting) throw cannot_connect(std::move(message), std::move(text), state);
        throw connection_lost(std::move(message), std::move(text), state);
    }
    if (state == "57014") {
        // The server's own statement_timeout; a cancel request from elsewhere stays query_canceled.
        if (message.find("statement timeout") != std::string::npos)
            throw statement_timeout_error("statement timeout: " + message, std::move(text), state);
        throw query_canceled(std::move(message), std::move(text), state);
    }
    if (starts_with(state, "22")) throw data_error(std::move(message), std::move(text), state);
    if (starts_with(state, "42") || starts_with(state, "0A")) throw programming_error(std::move(message), std::move(text), state);
    if (starts_with(state, "XX")) throw internal_error(std::move(message), std::move(text), state);
    // 28 (authentication) and 3D (no such database) arrive while connecting.
    if (connecting) throw cannot_connect(std::move(message), std::move(text), state);
    if (starts_with(state, "53") || starts_with(state, "55") || starts_with(state, "57") || starts_with(state, "58"))
        throw operational_error(std::move(message), std::move(text), state);
    throw database_error(std::move(message), std::move(text), state);
}

void rethrow_postgresql_error(std::string_view sql, bool connecting) {
    try {
        throw;
    } catch (const statement_error&) {
        throw;
    } catch (const pqxx::sql_error& e) {
        throw_postgresql_error(trimmed(e.what()), sql, e.sqlstate(), connecting);
    } catch (const pqxx::serialization_failure& e) {
        // libpqxx 6 raises the 40xxx class without its SQLSTATE.
        throw_postgresql_error(trimmed(e.what()), sql, "40001", connecting);
    } catch (const pqxx::deadlock_detected& e) {
        throw_postgresql_error(trimmed(e.what()), sql, "40P01", connecting);
    } catch (const pqxx::statement_completion_unknown& e) {
        throw_postgresql_error(trimmed(e.what()), sql, "40003", connecting);
    } catch (const pqxx::transaction_rollback& e) {
        throw_postgresql_error(trimmed(e.what()), sql, "40000", connecting);
    } catch (const pqxx::broken_connection& e) {
        if (connecting) throw cannot_connect(trimmed(e.what()), std::string(sql));
        throw connection_lost(trimmed(e.what()), std::string(sql));
    } catch (const pqxx::conversion_error& e) {
        throw data_error(trimmed(e.what()), std::string(sql));
    } catch (const pqxx::usage_error& e) {
        throw programming_error(trimmed(e.what()), std::string(sql));
    } catch (const pqxx::internal_error& e) {
        throw internal_error(trimmed(e.what()), std::string(sql));
    } catch (const pqxx::failure& e) {
        throw operational_error(trimmed(e.what()), std::string(sql));
    } catch (const pqxx::pqxx_exception& e) {
        throw database_error(trimmed(e.base().what()), std::string(sql));
    }
}

void throw_timed_out(std::chrono::milliseconds timeout, std::string_view server_message, std::string_view sql) {
    throw statement_timeout_error("statement timeout: the statement ran longer than " + std::to_string(timeout.count()) +
                                      " ms and was cancelled (" + std::string(server_message) + ")",
                                  std::string(sql), "57014");
}

void throw_result_error(pg_conn* conn, pg_result* result, std::string_view sql) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string message = trimmed(result && *PQresultErrorMessage(result) ? PQresultErrorMessage(result) : PQerrorMessage(conn));
    PQclear(result);
    if (sqlstate.empty()) {
        if (PQstatus(conn) == CONNECTION_BAD) throw connection_lost(std::move(message), std::string(sql));
        throw database_error(std::move(message), std::string(sql));
    }
    // 08P01 also reports a bind message with the wrong parameter count; the session lives on.
    if (sqlstate == "08P01" && PQstatus(conn) == CONNECTION_OK)
        throw programming_error(std::move(message), std::string(sql), sqlstate);
    throw_postgresql_error(std::move(message), sql, sqlstate);
}

}  // namespace retort::detail
