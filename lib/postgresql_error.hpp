#pragma once
// Internal: libpqxx exceptions as retort exceptions, by SQLSTATE (see docs/engine.md).
#include <string>
#include <string_view>

namespace retort::detail {

// Call inside a catch block: throws the statement_error subclass for the
// exception in flight (a pqxx::failure or std::exception), with the SQL attached.
// While connecting, a lost connection is cannot_connect rather than connection_lost.
[[noreturn]] void rethrow_postgresql_error(std::string_view sql, bool connecting = false);

// Throws the statement_error subclass for an SQLSTATE.
[[noreturn]] void throw_postgresql_error(std::string message, std::string_view sql, const std::string& sqlstate,
                                         bool connecting = false);

}  // namespace retort::detail
