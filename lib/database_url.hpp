#pragma once
// Internal: a database URL taken apart (SQLAlchemy's sqlalchemy.engine.URL).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <retort/core/dialect_kind.hpp>

namespace retort::detail {

struct database_url {
    dialect_kind dialect = dialect_kind::sqlite;
    std::string scheme;                 // as written: "postgresql+libpqxx"
    std::string username, password;     // percent-decoded
    std::string host;                   // without IPv6 brackets
    std::optional<int> port;
    std::string database;               // PostgreSQL: db name; SQLite: file path ("" = memory)
    std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
    std::string masked;                 // the URL as written, password replaced by ***

    // SQLite: the database lives in memory (sqlite://, sqlite:///:memory:).
    bool memory() const noexcept { return database.empty() || database == ":memory:"; }
    // The value of a query option, if given.
    const std::string* option(std::string_view key) const noexcept;
    // A true/false query option (true, false, 1, 0, yes, no, on, off), if given; throws
    // url_error for any other value.
    std::optional<bool> flag(std::string_view key) const;
};

// Throws url_error naming what is wrong and quoting the URL (password masked).
database_url parse_database_url(std::string_view url);

// Decodes %XX escapes; throws url_error (naming `what`) on a malformed escape.
std::string percent_decode(std::string_view text, std::string_view what, std::string_view masked_url);

}  // namespace retort::detail
