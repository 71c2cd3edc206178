#pragma once
// Internal: a driver::connection over one sqlite3 handle.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <retort/driver/connection.hpp>

#include "sqlite_statement.hpp"

struct sqlite3;

namespace retort::detail {

struct database_url;

// How to open an SQLite database, from the URL and the engine options.
struct sqlite_config {
    std::string path;               // ":memory:" for memory
    int open_flags = 0;             // SQLITE_OPEN_* (mode=ro|rw|rwc)
    int busy_timeout_ms = 5000;     // timeout=<seconds>, as pysqlite's default of 5 s
    bool read_uncommitted = false;  // isolation_level read_uncommitted (shared cache only)
    // journal_mode=<mode>; file databases opened for writing default to WAL, so that a
    // connection reading in an open transaction does not block another's COMMIT.
    std::string journal_mode;       // empty: leave the database's mode as it is
    bool journal_mode_asked = false;  // the URL named it: failing to set it is an error
    std::chrono::milliseconds statement_timeout{0};  // engine_options::statement_timeout
};

// Reads the URL's options (mode, timeout, journal_mode); throws url_error on unknown ones.
sqlite_config make_sqlite_config(const database_url& url);

class sqlite_connection final : public driver::connection {
public:
    // Opens the database; throws cannot_connect.
    explicit sqlite_connection(const sqlite_config& config);
    ~sqlite_connection() override;
    sqlite_connection(const sqlite_connection&) = delete;
    sqlite_connection& operator=(const sqlite_connection&) = delete;

    dialect_kind dialect() const noexcept override { return dialect_kind::sqlite; }
    driver::statement_handle prepare(std::size_t key, std::string_view sql) override;
    void exec(std::string_view sql) override;
    bool ping() noexcept override;
    std::int64_t last_insert_id() override;
    bool in_transaction() const noexcept override;
    void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) override;
    std::chrono::milliseconds statement_timeout() const noexcept override { return session_.use.timeout(); }
    void reset() override;
    void close() noexcept override;
    bool closed() const noexcept override { return db_ == nullptr; }
    void interrupt() noexcept override;
    void forget_interrupt() noexcept override;

private:
    // prepare() for a statement not yet cached, busy, uncached or on a closed connection:
    // out of line, so that prepare() itself stays small.
    [[gnu::noinline]] driver::statement_handle prepare_uncommon(std::size_t key, std::string_view sql);
    // The PRAGMAs every connection starts with; throws statement_error.
    void configure(const sqlite_config& config);
    std::string text_scalar(const char* sql);

    sqlite3* db_ = nullptr;
    sqlite_session session_;
    std::chrono::milliseconds default_timeout_{0};
    // Cached statements by key: keys are dense small integers, so a vector
    // finds one without hashing.
    std::vector<std::unique_ptr<sqlite_statement>> cache_;
};

}  // namespace retort::detail
