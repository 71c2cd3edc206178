#pragma once
// Internal: SQLite result codes as retort exceptions (see docs/engine.md for the table).
#include <string_view>

namespace retort::detail {

// "SQLITE_CONSTRAINT_UNIQUE" for 2067.
std::string_view sqlite_code_name(int code) noexcept;

// Throws the statement_error subclass for an (extended) result code, with the
// driver message "<sqlite3_errmsg> (<code name>)", the SQL, and the code as text.
[[noreturn]] void throw_sqlite_error(int code, std::string_view message, std::string_view sql);

}  // namespace retort::detail
