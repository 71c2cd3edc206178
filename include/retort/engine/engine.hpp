#pragma once
// Engine, connection and transaction: SQLAlchemy's Core API (create_engine, connect,
// begin, commit-as-you-go, begin_nested) over a pool of driver connections.
// Declared here, implemented in lib/; statement execution itself is a template in
// execute.hpp so each statement type binds and reads its values without overhead.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/core/callback.hpp>
#include <retort/core/errors.hpp>
#include <retort/core/function_ref.hpp>
#include <retort/driver/connection.hpp>

namespace retort {

enum class isolation_level { autocommit, read_uncommitted, read_committed, repeatable_read, serializable };

// How a SQLite transaction takes its locks: BEGIN DEFERRED (SQLite's default: the write lock
// at the first write, which fails at once with database_locked when another connection
// wrote since this transaction first read), IMMEDIATE (the write lock at BEGIN, waiting up to
// the busy timeout: for transactions that read and then write), EXCLUSIVE (also keeps readers
// out, except in WAL mode).
enum class sqlite_begin : unsigned char { deferred, immediate, exclusive };

// SQLAlchemy's QueuePool, NullPool and StaticPool.
enum class pool_class { queue, null, static_pool };

// What an echo or execute event sees of a statement.
struct statement_info {
    std::string_view sql;
    const std::vector<std::string>* params = nullptr;  // text of each bound value
    std::chrono::nanoseconds duration{};               // after_execute only
};

// Every option has SQLAlchemy's name; use designated initializers:
//   create_engine(url, {.pool_size = 10, .max_overflow = 20, .pool_pre_ping = true})
struct engine_options {
    bool echo = false;                // log each statement, its parameters and duration
    bool echo_pool = false;           // log pool checkouts, checkins, connects
    callback<void(std::string_view)> log{};  // log sink; stderr when empty
    pool_class poolclass = pool_class::queue;
    int pool_size = 5;
    int max_overflow = 10;
    double pool_timeout = 30.0;       // seconds to wait for a connection
    double pool_recycle = -1.0;       // seconds; older connections are replaced at checkout
    bool pool_pre_ping = false;       // test each connection at checkout
    bool pool_use_lifo = false;       // hand out the most recently returned connection first
    bool pool_reset_on_return = true; // roll back whatever a returned connection left open
    std::optional<retort::isolation_level> isolation_level{};  // qualified: the member has its name
    bool prepared_statements = true;  // false for PgBouncer-style transaction pooling
    double connect_timeout = 10.0;    // seconds
    // Seconds a statement may run before it is cancelled with statement_timeout_error; 0: no
    // limit. PostgreSQL: the session's statement_timeout, and a cancel request from the client
    // when the server stays silent a second longer. SQLite: interrupted by a progress handler.
    double statement_timeout = 0.0;
    retort::sqlite_begin sqlite_begin = retort::sqlite_begin::deferred;  // SQLite only
    // Asynchronous PostgreSQL: how many pipelined statements may wait for their results on one
    // connection; those issued past them wait in the client, in order (see docs/async.md).
    int pipeline_depth = 1024;
};

// How execute_many() loads rows: batched multi-row INSERT ... VALUES (both dialects), or
// COPY FROM STDIN (PostgreSQL; SQLite uses VALUES), which returns no rows.
enum class bulk_method : unsigned char { values, copy };
// progress(rows done, rows in all) is called after each batch (each row of update_rows,
// every batch_rows rows of COPY): for a progress bar over a long load.
struct bulk_options {
    bulk_method method = bulk_method::values;
    callback<void(std::int64_t done, std::int64_t total)> progress{};
};

struct pool_status {
    int size = 0;          // pool_size
    int idle = 0;          // connections waiting in the pool
    int overflow = 0;      // connections beyond pool_size now open
    int checked_out = 0;   // connections in use
};

// What pool events are told about the connection they concern.
struct pool_event {
    driver::connection* dbapi_connection = nullptr;
    std::uint64_t connection_id = 0;  // stable per physical connection
};

// Gives the bound parameters as text, asked for only on error, echo or events.
using params_text_fn = function_ref<std::vector<std::string>()>;

namespace detail {
class engine_state;
class connection_record;
struct bound_values;
}  // namespace detail

class connection;
class transaction;
class nested_transaction;
template <class S>
struct timed_statement;

class engine {
public:
    engine() = default;
    // A connection from the pool, returned (rolled back) when it is destroyed or closed.
    connection connect();
    dialect_kind dialect() const;
    const std::string& url() const;   // with the password masked
    const engine_options& options() const;
    pool_status status() const;
    // Closes every idle pooled connection; checked-out ones close when returned.
    void dispose();

    // Runs fn(connection&) in a transaction: commit on return, rollback on throw.
    template <class F>
    auto transaction(F&& fn) -> std::invoke_result_t<F&, connection&>;

    // Events, as in sqlalchemy.event.listen(engine, "<name>", fn).
    void on_connect(callback<void(const pool_event&)> fn);
    void on_first_connect(callback<void(const pool_event&)> fn);
    void on_checkout(callback<void(const pool_event&)> fn);
    void on_checkin(callback<void(const pool_event&)> fn);
    void on_reset(callback<void(const pool_event&)> fn);
    void on_invalidate(callback<void(const pool_event&)> fn);
    void on_close(callback<void(const pool_event&)> fn);
    void on_before_execute(callback<void(const statement_info&)> fn);
    void on_after_execute(callback<void(const statement_info&)> fn);

    explicit engine(std::shared_ptr<detail::engine_state> state) : state_(std::move(state)) {}
    detail::engine_state& state() const { return *state_; }

private:
    std::shared_ptr<detail::engine_state> state_;
};

// sqlite:///relative.db, sqlite:////absolute.db, sqlite:// (memory),
// postgresql://user:password@host:port/dbname?host=/socket/dir&...
// Throws url_error naming what is wrong.
engine create_engine(std::string_view url, engine_options options = {});

// One checked-out connection. Statements autobegin a transaction
// (SQLAlchemy 2.0 "commit as you go"); commit() or rollback() ends it.
class connection {
public:
    connection(connection&&) noexcept;
    connection& operator=(connection&&) noexcept;
    ~connection();

    // Runs a retort statement; defined in execute.hpp. `named` are the values of the
    // statement's bindparams: conn.execute(stmt, arg<"min_age"> = 25).
    template <class Statement, class... Args>
    auto execute(const Statement& statement, const Args&... named);
    // Runs a statement with its own statement timeout: conn.execute(with_timeout(stmt, 2s)).
    template <class S, class... Args>
    auto execute(const timed_statement<S>& statement, const Args&... named);
    // execute(statement, named...).scalar() and .scalars() (SQLAlchemy's Connection.scalar
    // and Connection.scalars): the first column of the first row, or of every row.
    template <class Statement, class... Args>
    auto scalar(const Statement& statement, const Args&... named);
    template <class Statement, class... Args>
    auto scalars(const Statement& statement, const Args&... named);
    // Runs a bulk statement (insert_rows / update_rows, see stmt/bulk.hpp) for every row of
    // `rows`, inside a SAVEPOINT so a failing row undoes the whole call; defined in
    // execute_many.hpp. Returns the rows changed, or the RETURNING rows in input order.
    template <class Statement, class Rows>
    auto execute_many(const Statement& statement, const Rows& rows, bulk_options options = {});
    // Runs SQL text as is (no parameters, no rows): DDL, PRAGMA, SET.
    void exec_driver_sql(std::string_view sql);

    void commit();
    void rollback();
    // An explicit transaction; rolls back when destroyed uncommitted. On SQLite, `mode` says
    // how it locks (the engine's sqlite_begin by default); PostgreSQL takes no lock at BEGIN,
    // and ignores it.
    retort::transaction begin();
    retort::transaction begin(sqlite_begin mode);
    // A SAVEPOINT inside the current transaction (autobegins one if needed).
    nested_transaction begin_nested();
    bool in_transaction() const noexcept;
    bool in_nested_transaction() const noexcept;

    // The statement timeout of this connection's executions from now on, until it goes back to
    // the pool (zero: no limit); nullopt: the engine's statement_timeout again.
    void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout);
    std::chrono::milliseconds statement_timeout();

    // Returns the connection to the pool (after rollback); further use throws.
    void close();
    bool closed() const noexcept;
    // Discards the underlying connection: the pool opens a new one.
    void invalidate();

    dialect_kind dialect() const noexcept { return dialect_; }
    retort::engine& get_engine() noexcept;

    // Executor plumbing (used by execute.hpp): the prepared statement for `sql`,
    // after autobegin; then run() executes it with echo, events and error
    // translation, asking params_text() for the parameters only when needed.
    driver::statement_handle prepare(std::size_t key, std::string_view sql);
    // The same for a streamed result (see stream_results in execute.hpp).
    driver::statement_handle prepare_streaming(std::string_view sql, int batch_rows);
    // `parameter_sets`: how many rows a bulk statement binds (error messages show them as sets).
    // `echo` false leaves the statement out of echo (execute_many echoes one summary line).
    void run(driver::statement& statement, std::string_view sql, params_text_fn params_text,
             std::size_t parameter_sets = 1, bool echo = true);
    // execute()'s path for every statement: prepare (a streamed result's with yield_per),
    // bind `values`, execute, with echo, events and error translation. Compiled once, in the
    // library: a statement type adds only its binding (bound_values.hpp).
    driver::statement_handle execute_bound(std::size_t key, std::string_view sql, const detail::bound_values& values,
                                           std::optional<int> yield_per = std::nullopt);
    // execute_bound() for a statement that returns no rows and no key: the rows it changed.
    std::int64_t execute_rowcount(std::size_t key, std::string_view sql, const detail::bound_values& values);
    // execute_bound() for an INSERT whose key is the row's id (no RETURNING): rows and id.
    driver::inserted_row execute_insert_row_id(std::size_t key, std::string_view sql,
                                               const detail::bound_values& values);
    // Writes one line to the echo log when echo is on.
    void echo(std::string_view line);
    // Whether run() has anything to do besides statement.execute() (echo, execute
    // listeners): without, the executor calls execute() itself.
    bool execute_hooks() const noexcept { return *execute_hooks_; }
    std::int64_t last_insert_id();
    // Translates a driver error met while reading rows: invalidates on disconnect,
    // attaches SQL and parameters. Always throws.
    [[noreturn]] void rethrow_with(std::string_view sql, params_text_fn params_text, std::size_t parameter_sets = 1);
    [[noreturn]] void rethrow_with(std::string_view sql, const detail::bound_values& values);
    bool echo_enabled() const noexcept;
    // The live driver connection (after autobegin checks), for COPY and other driver-level work.
    driver::connection& dbapi() { return live(); }

    explicit connection(retort::engine engine, std::unique_ptr<detail::connection_record> record);

protected:
    // execute() and execute_many() for a dialect known at compile time (void: the engine's,
    // at run time).
    template <class Dialect, class Statement, class... Args>
    auto execute_in(const Statement& statement, const Args&... named);
    template <class Dialect, class Statement, class Rows>
    auto execute_many_in(const Statement& statement, const Rows& rows, bulk_options options);

private:
    // execute_bound()'s body, inlined into the executor's entry points (lib/connection.cpp).
    driver::statement_handle bind_and_execute(std::size_t key, std::string_view sql, const detail::bound_values& values,
                                              std::optional<int> yield_per, driver::inserted_row* inserted);
    // Its path with echo or execute listeners, out of line.
    void execute_hooked(driver::statement_handle& handle, std::string_view sql, const detail::bound_values& values,
                        driver::inserted_row* inserted);
    // Finishes the statement and throws the error being handled with SQL and parameters.
    [[noreturn]] void fail_with(driver::statement_handle& handle, std::string_view sql,
                                const detail::bound_values& values);
    // prepare()'s body, inlined into them too.
    driver::statement_handle prepare_inline(std::size_t key, std::string_view sql);
    friend class retort::transaction;
    friend class nested_transaction;
    // execute_many() once its rules hold.
    template <class Dialect, class S, class Rows>
    auto execute_many_checked(const S& statement, const Rows& rows, bulk_options options);
    driver::connection& live();
    driver::connection& revive();
    void begin_transaction(bool implicit, const std::string* begin_sql = nullptr);
    void run_internal(std::string_view sql, std::string_view echo_text);
    void end_transaction() noexcept;
    [[noreturn]] void handle_error(std::string_view sql, const params_text_fn* params_text,
                                   const std::vector<std::string>* params, std::size_t parameter_sets = 1);
    void lost(std::string_view reason) noexcept;
    void release() noexcept;
    retort::engine engine_;
    std::unique_ptr<detail::connection_record> record_;
    dialect_kind dialect_;  // the engine's, kept here: every execution asks for it
    const bool* execute_hooks_;  // the engine's flag: echo or an execute listener is on
    int savepoint_depth_ = 0;
    bool in_transaction_ = false;
    bool explicit_transaction_ = false;
    bool invalidated_ = false;  // the connection is gone; the next use reconnects (after rollback())
    std::optional<std::chrono::milliseconds> timeout_;  // set_statement_timeout(), kept across reconnects
};

class transaction {
public:
    transaction(transaction&&) noexcept;
    transaction& operator=(transaction&&) = delete;
    ~transaction();
    void commit();
    void rollback();
    bool is_active() const noexcept { return active_; }

    explicit transaction(connection& conn) : conn_(&conn) {}

private:
    connection* conn_;
    bool active_ = true;
};

class nested_transaction {
public:
    nested_transaction(nested_transaction&&) noexcept;
    nested_transaction& operator=(nested_transaction&&) = delete;
    ~nested_transaction();
    void commit();    // RELEASE SAVEPOINT
    void rollback();  // ROLLBACK TO SAVEPOINT
    bool is_active() const noexcept { return active_; }

    nested_transaction(connection& conn, std::string name) : conn_(&conn), name_(std::move(name)) {}

private:
    connection* conn_;
    std::string name_;
    bool active_ = true;
};

namespace detail {
// engine.transaction(fn) for any kind of connection: begin, fn, commit; rollback on throw.
template <class Connection, class F>
auto run_in_transaction(Connection conn, F& fn) -> std::invoke_result_t<F&, Connection&> {
    retort::transaction tx = conn.begin();
    if constexpr (std::is_void_v<std::invoke_result_t<F&, Connection&>>) {
        fn(conn);
        tx.commit();
    } else {
        auto result = fn(conn);
        tx.commit();
        return result;
    }
}
}  // namespace detail

template <class F>
auto engine::transaction(F&& fn) -> std::invoke_result_t<F&, connection&> {
    return detail::run_in_transaction(connect(), fn);
}

// Retries fn() when it throws a transient_error (serialization failure, deadlock,
// database locked), up to `attempts` times with doubling backoff.
struct retry_policy {
    int attempts = 3;
    std::chrono::milliseconds backoff{10};
};

namespace detail {
// In the library: <thread> costs every unit that includes the engine 2 % of its headers'
// compile work.
void sleep_before_retry(std::chrono::milliseconds how_long);
}  // namespace detail

template <class F>
auto retry_transient(F&& fn, retry_policy policy = {}) -> std::invoke_result_t<F&> {
    for (int attempt = 1;; ++attempt) {
        try {
            return fn();
        } catch (const transient_error&) {
            if (attempt >= policy.attempts) throw;
            detail::sleep_before_retry(policy.backoff * (1 << (attempt - 1)));
        }
    }
}

}  // namespace retort
