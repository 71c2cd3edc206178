#pragma once
// Internal: a driver::connection over libpq. libpqxx 6.4 opens the connection; statements,
// SQL text and COPY go through libpq itself. retort sends BEGIN/COMMIT/SAVEPOINT itself.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <retort/driver/connection.hpp>

#include "postgresql_statement.hpp"

namespace pqxx {
class errorhandler;
}  // namespace pqxx
struct pg_conn;

namespace retort {
struct engine_options;
}

namespace retort::detail {

struct database_url;
class pqxx_link;  // the libpqxx connection (postgresql_connection.cpp)

struct postgresql_config {
    std::string conninfo;             // libpq key='value' pairs (password included)
    bool prepared_statements = true;  // false: unnamed statements only (PgBouncer)
    std::chrono::milliseconds statement_timeout{0};  // engine_options::statement_timeout
    std::size_t pipeline_depth = 1024;                // engine_options::pipeline_depth (asynchronous)
};

// Builds the libpq conninfo from the URL (host, port, dbname, user, password and
// any libpq option in the query) and the engine options (connect_timeout).
// Throws url_error for an option libpq does not know.
postgresql_config make_postgresql_config(const database_url& url, const engine_options& options);

class postgresql_connection final : public driver::connection {
public:
    // Connects; throws cannot_connect.
    explicit postgresql_connection(const postgresql_config& config);
    ~postgresql_connection() override;
    postgresql_connection(const postgresql_connection&) = delete;
    postgresql_connection& operator=(const postgresql_connection&) = delete;

    dialect_kind dialect() const noexcept override { return dialect_kind::postgresql; }
    driver::statement_handle prepare(std::size_t key, std::string_view sql) override;
    // Rows through a cursor in the current transaction, batch_rows per FETCH.
    driver::statement_handle prepare_streaming(std::string_view sql, int batch_rows) override;
    void exec(std::string_view sql) override;
    // COPY ... FROM STDIN with libpq's COPY protocol, rows sent in chunks of about 64 KiB.
    void copy_in(std::string_view table, std::span<const std::string> columns,
                 function_ref<bool(std::string& buffer)> next_row) override;
    bool ping() noexcept override;
    std::int64_t last_insert_id() override;
    bool in_transaction() const noexcept override;
    bool transaction_failed() const noexcept override;
    void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) override;
    std::chrono::milliseconds statement_timeout() const noexcept override { return session_.use.timeout(); }
    void reset() override;
    void close() noexcept override;
    bool closed() const noexcept override { return conn_ == nullptr; }

private:
    void forget_prepared();
    void deallocate_stale() noexcept;

    // The concrete type: pqxx::connection_base has no virtual destructor.
    std::unique_ptr<pqxx_link> conn_;
    pg_conn* raw_ = nullptr;  // libpq's handle: every statement runs on it; null once closed
    std::unique_ptr<pqxx::errorhandler> notices_;
    bool prepared_statements_;
    std::vector<std::unique_ptr<postgresql_statement>> cache_;  // by key, as "r<key>"
    std::uint64_t cursors_ = 0;  // names streaming cursors uniquely on this connection
    std::uint64_t renames_ = 0;  // names statements prepared again after a schema change
    postgresql_session session_;
    std::chrono::milliseconds default_timeout_{0};
};

}  // namespace retort::detail
