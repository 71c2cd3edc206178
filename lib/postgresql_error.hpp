#pragma once
// Internal: libpqxx exceptions as retort exceptions, by SQLSTATE (see docs/engine.md).
#include <chrono>
#include <string>
#include <string_view>

struct pg_conn;
struct pg_result;

namespace retort::detail {

// Call inside a catch block: throws the statement_error subclass for the
// exception in flight (a pqxx::failure or std::exception), with the SQL attached.
// While connecting, a lost connection is cannot_connect rather than connection_lost.
[[noreturn]] void rethrow_postgresql_error(std::string_view sql, bool connecting = false);

// Throws the statement_error subclass for an SQLSTATE.
[[noreturn]] void throw_postgresql_error(std::string message, std::string_view sql, const std::string& sqlstate,
                                         bool connecting = false);

// Throws the statement_error subclass for a failed libpq call: by the result's SQLSTATE, or
// connection_lost when there is none and the connection is gone. Clears `result` (which
// may be null: libpq returns none when it cannot even send the query).
[[noreturn]] void throw_result_error(pg_conn* conn, pg_result* result, std::string_view sql);

// Throws statement_timeout_error for a statement the client cancelled past its `timeout`,
// with the server's words for the cancel (synchronous and asynchronous connections alike).
[[noreturn]] void throw_timed_out(std::chrono::milliseconds timeout, std::string_view server_message,
                                  std::string_view sql);

}  // namespace retort::detail
