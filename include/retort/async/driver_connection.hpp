#pragma once
// The seam between the asynchronous executor (headers) and its drivers (lib/async/):
// PostgreSQL runs statements through libpq in non-blocking pipeline mode on the event loop;
// SQLite runs the synchronous engine's work on a thread per connection. No driver header here.
#include <chrono>
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include <retort/core/function_ref.hpp>
#include <retort/driver/statement.hpp>
#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

namespace retort {
class connection;
}

namespace retort::async_detail {

// Attaches SQL and parameters to the statement_error in flight and rethrows it.
[[noreturn]] inline void rethrow_with(std::string_view sql, params_text_fn params) {
    try {
        throw;
    } catch (statement_error& e) {
        if (e.sql().empty() && !sql.empty()) e.set_sql(std::string(sql));
        if (e.params().empty() && params) e.set_params(params());
        throw;
    }
}

// One statement of a group sent back to back (driver_connection::run_pipelined).
struct pipelined_statement {
    driver::statement* statement;  // bound; receives its result
    std::size_t key;               // prepared under it unless driver::uncached
    std::string_view sql;
};

// On the SQLite worker: runs `work` with the synchronous connection; outside a transaction
// (`in_transaction` false) the work is its own, committed after it (unless `commit` is false:
// a stream keeps it open) and rolled back when it throws.
template <class Connection, class F>
void autocommitted(Connection& sync, bool in_transaction, F&& work, bool commit = true) {
    try {
        work();
        if (!in_transaction && commit) sync.commit();
    } catch (...) {
        if (!in_transaction) {
            try {
                sync.rollback();
            } catch (...) {  // the work's own error is the one to report
            }
        }
        throw;
    }
}

class driver_connection {
public:
    virtual ~driver_connection() = default;
    virtual dialect_kind dialect() const noexcept = 0;

    // PostgreSQL: a statement to bind one execution of `sql` into.
    virtual driver::statement_handle statement(std::string_view sql);
    // PostgreSQL: sends the bound statement behind those already in flight (prepared under
    // `key` unless it is driver::uncached) and waits for its own result, which `s` then
    // reads. Throws the statement's error with SQL and parameters; cancelling the awaiting
    // coroutine cancels the statement on the server (query_canceled). `shares_sync`: a read
    // outside a transaction, which may share one Sync (one implicit transaction) with the
    // reads sent beside it; one of them failing does not fail the others. `timeout` (zero: none):
    // the statement is cancelled on the server once it has waited that long for its result
    // (statement_timeout_error).
    virtual boost::asio::awaitable<void> run(driver::statement& s, std::size_t key, std::string_view sql,
                                             params_text_fn params, bool shares_sync,
                                             std::chrono::milliseconds timeout);
    // SQLite: runs `work` on the connection's thread with its synchronous connection,
    // one piece of work at a time, and resumes the caller on its executor when it is done
    // (rethrowing what it threw).
    virtual boost::asio::awaitable<void> offload(function_ref<void(retort::connection&)> work);
    // PostgreSQL: sends `statements` behind those in flight, one after the other with nothing
    // of the connection's between them (each with its own Sync), framed by BEGIN and COMMIT
    // when `as_transaction`, else by a savepoint in the caller's transaction, so that they take
    // effect all or none; then waits for their results in order, calling received(i) when
    // statement i's has arrived. Throws the first error (with its SQL and params_of(i)) once
    // every one has answered (and, in a savepoint, it is rolled back to).
    virtual boost::asio::awaitable<void> run_pipelined(std::span<const pipelined_statement> statements,
                                                       bool as_transaction, function_ref<void(std::size_t)> received,
                                                       function_ref<std::vector<std::string>(std::size_t)> params_of);
    // PostgreSQL: COPY table (columns) FROM STDIN with the lines next_row gives (as
    // driver::connection::copy_in does), once every statement sent before it has its result;
    // statements sent meanwhile wait and follow it, in order. Framed by BEGIN and COMMIT when
    // `as_transaction`, else by a savepoint in the caller's transaction: all rows or none.
    // Cancelling the awaiting coroutine abandons the COPY (query_canceled).
    virtual boost::asio::awaitable<void> copy_in(std::string_view table, std::span<const std::string> columns,
                                                 function_ref<bool(std::string&)> next_row, bool as_transaction);
    // Queued behind everything sent before it, not awaited, its outcome ignored: what a
    // destructor must still have done on the connection (a stream's end). PostgreSQL sends
    // `sql`; SQLite runs `work` on its thread.
    virtual void send_detached(std::string_view sql);
    virtual void post_detached(std::function<void(retort::connection&)> work);

    // Transactions and SQL text without parameters or rows (one statement).
    virtual boost::asio::awaitable<void> begin() = 0;
    virtual boost::asio::awaitable<void> commit() = 0;
    virtual boost::asio::awaitable<void> rollback() = 0;
    virtual boost::asio::awaitable<void> exec(std::string_view sql, bool in_transaction) = 0;
    // A cheap round trip (pool_pre_ping): false when the connection is unusable.
    virtual boost::asio::awaitable<bool> ping() = 0;
    // The connection was lost or left unusable: the pool closes it instead of keeping it.
    virtual bool broken() const noexcept = 0;
};

}  // namespace retort::async_detail
