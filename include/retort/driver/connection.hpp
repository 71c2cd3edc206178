#pragma once
// One live database connection, as the engine sees it (lib/ implements one per driver).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <retort/core/dialect_kind.hpp>
#include <retort/core/errors.hpp>
#include <retort/core/function_ref.hpp>
#include <retort/driver/statement.hpp>

namespace retort::driver {

// One live database connection.
class connection {
public:
    virtual ~connection() = default;
    virtual dialect_kind dialect() const noexcept = 0;
    // A prepared statement for `sql`, cached under `key` (a dense index, see
    // statement_key) unless key == uncached or prepared statements are off.
    virtual statement_handle prepare(std::size_t key, std::string_view sql) = 0;
    // A statement whose rows are fetched `batch_rows` at a time rather than all at once
    // (PostgreSQL: a cursor in the current transaction). SQLite steps row by row anyway,
    // so by default this is an uncached statement.
    virtual statement_handle prepare_streaming(std::string_view sql, int /*batch_rows*/) {
        return prepare(uncached, sql);
    }
    // Runs SQL without parameters or rows (BEGIN, SAVEPOINT, DDL; may hold several statements).
    virtual void exec(std::string_view sql) = 0;
    // A cheap round trip: false when the connection is unusable.
    virtual bool ping() noexcept = 0;
    // The rowid/serial of the last single-row INSERT (SQLite); PostgreSQL uses RETURNING.
    virtual std::int64_t last_insert_id() = 0;
    // Whether a transaction is open on the server side.
    virtual bool in_transaction() const noexcept = 0;
    // Whether the open transaction failed and can only be rolled back
    // (PostgreSQL after an error; SQLite transactions never get there).
    virtual bool transaction_failed() const noexcept { return false; }
    // How long each statement may run before it is cancelled with a statement_timeout_error
    // (zero: no limit); nullopt: the engine's statement_timeout again.
    virtual void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) = 0;
    virtual std::chrono::milliseconds statement_timeout() const noexcept = 0;
    // Rolls back whatever transaction is open (reset on return to the pool).
    virtual void reset() = 0;
    virtual void close() noexcept = 0;
    virtual bool closed() const noexcept = 0;
    // Stops the statement this connection is running on another thread: it fails with
    // query_canceled. Callable from any thread while the connection is open. An interrupt that
    // comes before the statement starts stops it once it runs (SQLite's: the asynchronous
    // engine's timeouts and cancellation); drivers that cancel otherwise do nothing here.
    virtual void interrupt() noexcept {}
    // Forgets an interrupt that found nothing to stop, before new work (the thread running the
    // connection's statements calls it).
    virtual void forget_interrupt() noexcept {}
    // COPY "table" (columns) FROM STDIN, PostgreSQL's bulk load: next_row appends one row in
    // COPY text format (tab-separated, \N for NULL, no newline) to the data being sent and
    // returns false, appending nothing, at the end. Rows go straight into the driver's send
    // buffer. Drivers without COPY throw not_supported_error (the executor does not ask them).
    virtual void copy_in(std::string_view table, std::span<const std::string> /*columns*/,
                         function_ref<bool(std::string& buffer)> /*next_row*/) {
        throw not_supported_error("COPY into " + std::string(table) + ": this driver has no COPY");
    }
};

}  // namespace retort::driver
