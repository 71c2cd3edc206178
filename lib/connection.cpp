#include <atomic>
#include <chrono>

#include <retort/engine/bound_values.hpp>
#include <retort/engine/engine.hpp>
#include <retort/engine/execute.hpp>

#include "echo_log.hpp"
#include "engine_state.hpp"
#include "execution_trace.hpp"
#include "hot_path.hpp"

namespace retort {
namespace {

using params_function = params_text_fn;
using detail::echo_line;

}  // namespace

std::size_t detail::statement_key_slot::assign() noexcept {
    static std::atomic<std::size_t> next{0};
    std::size_t expected = 0;
    const std::size_t key = next.fetch_add(1, std::memory_order_relaxed);
    // Two threads executing a statement type for the first time: both take the winner's key.
    if (key_plus_one_.compare_exchange_strong(expected, key + 1, std::memory_order_relaxed)) return key;
    return expected - 1;
}

connection::connection(retort::engine engine, std::unique_ptr<detail::connection_record> record)
    : engine_(std::move(engine)),
      record_(std::move(record)),
      dialect_(engine_.dialect()),
      execute_hooks_(&engine_.state().execute_hooks) {}

connection::connection(connection&& other) noexcept
    : engine_(std::move(other.engine_)),
      record_(std::move(other.record_)),
      dialect_(other.dialect_),
      execute_hooks_(other.execute_hooks_),
      savepoint_depth_(std::exchange(other.savepoint_depth_, 0)),
      in_transaction_(std::exchange(other.in_transaction_, false)),
      explicit_transaction_(std::exchange(other.explicit_transaction_, false)),
      invalidated_(std::exchange(other.invalidated_, false)),
      timeout_(std::exchange(other.timeout_, std::nullopt)) {}

connection& connection::operator=(connection&& other) noexcept {
    if (this != &other) {
        try {
            close();
        } catch (...) {
        }
        engine_ = std::move(other.engine_);
        record_ = std::move(other.record_);
        dialect_ = other.dialect_;
        execute_hooks_ = other.execute_hooks_;
        savepoint_depth_ = std::exchange(other.savepoint_depth_, 0);
        in_transaction_ = std::exchange(other.in_transaction_, false);
        explicit_transaction_ = std::exchange(other.explicit_transaction_, false);
        invalidated_ = std::exchange(other.invalidated_, false);
        timeout_ = std::exchange(other.timeout_, std::nullopt);
    }
    return *this;
}

connection::~connection() {
    try {
        close();
    } catch (...) {
        // A destructor cannot report; the pool's reset on return cleans up.
    }
}

// --- the live connection --------------------------------------------------------------

driver::connection& connection::live() {
    if (record_ && !invalidated_) [[likely]]
        return record_->dbapi();
    return revive();
}

driver::connection& connection::revive() {
    if (!record_ && !invalidated_) throw resource_closed_error("This connection is closed");
    if (in_transaction_)
        throw invalid_request_error(
            "Can't reconnect until the invalid transaction is rolled back: the connection was lost or "
            "invalidated inside a transaction; call rollback() first");
    auto& pool = *engine_.state().connections;
    pool.checkin(std::move(record_));  // closed there, being invalidated
    record_ = pool.checkout();         // when this throws, the next use tries again
    invalidated_ = false;
    if (timeout_) record_->dbapi().set_statement_timeout(timeout_);
    return record_->dbapi();
}

void connection::lost(std::string_view reason) noexcept {
    if (!record_ || invalidated_) return;
    // This connection and every older one the pool holds are replaced.
    record_->owner().invalidate(*record_, reason);
    record_->invalidate();
    record_->dbapi().close();
    invalidated_ = true;
}

void connection::invalidate() {
    if (closed()) throw resource_closed_error("This connection is closed");
    if (invalidated_) return;
    auto& state = engine_.state();
    record_->invalidate();
    const pool_event event{&record_->dbapi(), record_->id()};
    for (const auto& fn : state.pool_events.invalidate) fn(event);
    record_->dbapi().close();
    invalidated_ = true;
}

void connection::release() noexcept {
    if (timeout_ && record_ && !invalidated_) record_->dbapi().set_statement_timeout(std::nullopt);
    timeout_.reset();
    engine_.state().connections->checkin(std::move(record_));
    end_transaction();
    invalidated_ = false;
}

void connection::close() {
    if (closed()) return;
    if (in_transaction_ && !invalidated_) {
        try {
            rollback();
        } catch (...) {
            release();
            throw;
        }
    }
    release();
}

bool connection::closed() const noexcept { return !record_ && !invalidated_; }

retort::engine& connection::get_engine() noexcept { return engine_; }

bool connection::echo_enabled() const noexcept { return engine_.state().options.echo; }

bool connection::in_transaction() const noexcept { return in_transaction_; }

bool connection::in_nested_transaction() const noexcept { return savepoint_depth_ > 0; }

void connection::set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) {
    if (timeout && timeout->count() < 0) throw argument_error("a statement timeout cannot be negative");
    live().set_statement_timeout(timeout);
    timeout_ = timeout;
}

std::chrono::milliseconds connection::statement_timeout() { return live().statement_timeout(); }

// --- errors -------------------------------------------------------------------------------

void connection::handle_error(std::string_view sql, const params_function* params_text,
                              const std::vector<std::string>* params, std::size_t parameter_sets) {
    try {
        throw;
    } catch (statement_error& e) {
        if (e.sql().empty() && !sql.empty()) e.set_sql(std::string(sql));
        if (e.params().empty()) {
            std::vector<std::string> values;
            if (params != nullptr) values = *params;
            else if (params_text != nullptr && *params_text) values = (*params_text)();
            const std::size_t per_set = parameter_sets > 1 ? values.size() / parameter_sets : 0;
            if (!values.empty()) e.set_params(std::move(values), per_set);
        }
        if (dynamic_cast<const connection_lost*>(&e) != nullptr) lost(e.driver_message());
        throw;
    }
}

void connection::rethrow_with(std::string_view sql, params_function params_text, std::size_t parameter_sets) {
    handle_error(sql, &params_text, nullptr, parameter_sets);
}

// --- statements ---------------------------------------------------------------------------

// prepare()'s body, inlined into the executor's entry points below.
[[gnu::always_inline]] inline driver::statement_handle connection::prepare_inline(std::size_t key,
                                                                                 std::string_view sql) {
    if (!in_transaction_) [[unlikely]]
        begin_transaction(true);
    driver::connection& db = live();
    try {
        return db.prepare(key, sql);
    } catch (...) {
        handle_error(sql, nullptr, nullptr);
    }
}

RETORT_HOT_PATH driver::statement_handle connection::prepare(std::size_t key, std::string_view sql) {
    return prepare_inline(key, sql);
}

driver::statement_handle connection::prepare_streaming(std::string_view sql, int batch_rows) {
    if (!in_transaction_) [[unlikely]]
        begin_transaction(true);
    driver::connection& db = live();
    try {
        return db.prepare_streaming(sql, batch_rows);
    } catch (...) {
        handle_error(sql, nullptr, nullptr);
    }
}

namespace {

// Echo and execute events around one execution; `execute` runs it, `fail` is
// called inside the catch block with the parameters when it throws. `echo` false: the
// caller echoes a summary of its own (execute_many's batches).
template <class Execute, class Fail>
void instrumented(detail::engine_state& state, std::string_view sql, std::vector<std::string> params,
                  std::string_view echo_kind, Execute&& execute, Fail&& fail, bool echo = true) {
    detail::execution_trace trace(state, sql, std::move(params), echo);
    try {
        execute();
    } catch (...) {
        trace.failed();
        fail(trace.params());
    }
    trace.finished(echo_kind);
}

}  // namespace

void connection::run(driver::statement& statement, std::string_view sql, params_function params_text,
                     std::size_t parameter_sets, bool echo) {
    auto& state = engine_.state();
    if (!state.execute_hooks) [[likely]] {
        try {
            statement.execute();
        } catch (...) {
            handle_error(sql, &params_text, nullptr, parameter_sets);
        }
        return;
    }
    instrumented(
        state, sql, params_text ? params_text() : std::vector<std::string>{}, "executed", [&] { statement.execute(); },
        [&](const std::vector<std::string>& params) { handle_error(sql, nullptr, &params, parameter_sets); }, echo);
}

// Inlined into each entry point below: the handle stays in the caller's frame. `inserted` set:
// a single-row INSERT keyed by its row id, whose counts are read into it (the driver's
// execute_insert(), one call that also finishes the statement, when nothing else runs around the
// execution; the handle returned is then empty).
[[gnu::always_inline]] inline driver::statement_handle connection::bind_and_execute(
    std::size_t key, std::string_view sql, const detail::bound_values& values, std::optional<int> yield_per,
    driver::inserted_row* inserted) {
    driver::statement_handle handle = yield_per ? prepare_streaming(sql, *yield_per) : prepare_inline(key, sql);
    if (execute_hooks()) [[unlikely]] {
        execute_hooked(handle, sql, values, inserted);
        return handle;
    }
    // Without echo or execute listeners (the usual case) the statement runs right here, in the
    // same try block as its binding: nothing else on the path of every execution.
    detail::value_binder binder(*handle, dialect_);
    try {
        values.bind_into(binder);
        if (inserted) *inserted = handle.execute_insert();  // (which also finishes the statement)
        else handle->execute();
    } catch (...) {
        fail_with(handle, sql, values);
    }
    return handle;
}

// bind_and_execute() with echo or execute listeners, out of the usual path (and its frame).
[[gnu::noinline, gnu::cold]] void connection::execute_hooked(driver::statement_handle& handle, std::string_view sql,
                                                           const detail::bound_values& values,
                                                           driver::inserted_row* inserted) {
    detail::value_binder binder(*handle, dialect_);  // (what it keeps lives until the execution ends)
    try {
        values.bind_into(binder);
    } catch (...) {
        fail_with(handle, sql, values);
    }
    run(*handle, sql, params_text_fn(values));
    if (!inserted) return;
    try {
        inserted->rowcount = handle->rows_affected();
        inserted->id = inserted->rowcount > 0 ? handle->last_insert_id() : 0;
    } catch (...) {
        fail_with(handle, sql, values);
    }
}

// Inside a catch block: finishes the statement, then throws the error with SQL and parameters.
[[gnu::cold]] void connection::fail_with(driver::statement_handle& handle, std::string_view sql,
                                         const detail::bound_values& values) {
    handle.reset();
    rethrow_with(sql, values);
}

RETORT_HOT_PATH driver::statement_handle connection::execute_bound(std::size_t key, std::string_view sql,
                                                                 const detail::bound_values& values,
                                                                 std::optional<int> yield_per) {
    return bind_and_execute(key, sql, values, yield_per, nullptr);
}

RETORT_HOT_PATH std::int64_t connection::execute_rowcount(std::size_t key, std::string_view sql,
                                                         const detail::bound_values& values) {
    return bind_and_execute(key, sql, values, std::nullopt, nullptr)->rows_affected();
}

RETORT_HOT_PATH driver::inserted_row connection::execute_insert_row_id(std::size_t key, std::string_view sql,
                                                                      const detail::bound_values& values) {
    driver::inserted_row inserted;
    bind_and_execute(key, sql, values, std::nullopt, &inserted);
    return inserted;
}

[[gnu::cold]] void connection::rethrow_with(std::string_view sql, const detail::bound_values& values) {
    const params_text_fn params(values);
    handle_error(sql, &params, nullptr);
}

void connection::echo(std::string_view line) {
    const auto& state = engine_.state();
    if (state.options.echo) echo_line(state, line);
}

void connection::exec_driver_sql(std::string_view sql) {
    if (!in_transaction_) begin_transaction(true);
    driver::connection& db = live();
    auto& state = engine_.state();
    if (!state.execute_hooks) {
        try {
            db.exec(sql);
        } catch (...) {
            handle_error(sql, nullptr, nullptr);
        }
    } else {
        instrumented(
            state, sql, {}, "raw sql", [&] { db.exec(sql); },
            [&](const std::vector<std::string>& params) { handle_error(sql, nullptr, &params); });
    }
    // The SQL ended the transaction itself (COMMIT, ROLLBACK, END): the server says so, and
    // the connection follows instead of guessing later.
    if (!state.begin_sql.empty() && !db.in_transaction()) end_transaction();
}

std::int64_t connection::last_insert_id() { return live().last_insert_id(); }

// --- transactions -------------------------------------------------------------------------

// BEGIN, COMMIT, SAVEPOINT...: echoed, not execute events (SQLAlchemy reports
// them as begin/commit events of their own).
void connection::run_internal(std::string_view sql, std::string_view echo_text) {
    driver::connection& db = live();
    auto& state = engine_.state();
    if (state.options.echo) echo_line(state, echo_text.empty() ? sql : echo_text);
    try {
        db.exec(sql);
    } catch (...) {
        handle_error(sql, nullptr, nullptr);
    }
}

void connection::begin_transaction(bool implicit, const std::string* begin_sql) {
    live();  // a closed or invalidated connection says so before anything else
    const std::string& sql = begin_sql != nullptr ? *begin_sql : engine_.state().begin_sql;
    if (!sql.empty()) {
        const std::string echo_text = implicit ? sql + " (implicit)" : std::string{};
        run_internal(sql, echo_text);
    }
    in_transaction_ = true;
    explicit_transaction_ = !implicit;
}

void connection::end_transaction() noexcept {
    in_transaction_ = false;
    explicit_transaction_ = false;
    savepoint_depth_ = 0;
}

retort::transaction connection::begin() {
    live();
    if (in_transaction_)
        throw invalid_request_error(
            "a transaction is already begun on this connection (explicitly or by autobegin); call commit() or "
            "rollback() first");
    begin_transaction(false);
    return retort::transaction(*this);
}

retort::transaction connection::begin(sqlite_begin mode) {
    const auto& state = engine_.state();
    if (dialect_ != dialect_kind::sqlite || state.begin_sql.empty()) return begin();
    live();
    if (in_transaction_)
        throw invalid_request_error(
            "a transaction is already begun on this connection (explicitly or by autobegin); call commit() or "
            "rollback() first");
    const std::string& sql = state.sqlite_begin_sql[static_cast<std::size_t>(mode)];
    begin_transaction(false, &sql);
    return retort::transaction(*this);
}

void connection::commit() {
    if (!in_transaction_) return;
    if (invalidated_)
        throw invalid_request_error(
            "cannot commit: the connection was lost or invalidated inside this transaction; call rollback()");
    auto& state = engine_.state();
    driver::connection& db = record_->dbapi();
    if (state.begin_sql.empty()) {  // autocommit: each statement committed itself
        end_transaction();
        return;
    }
    if (db.transaction_failed()) {
        // PostgreSQL would answer COMMIT with a silent ROLLBACK: say so instead.
        try {
            run_internal("ROLLBACK", {});
        } catch (...) {
        }
        end_transaction();
        throw invalid_request_error(
            "cannot commit: a statement failed inside this transaction, so the database aborted it; it has been "
            "rolled back");
    }
    if (!db.in_transaction()) {
        // exec_driver_sql() follows a COMMIT or ROLLBACK it ran; what is left is the server
        // ending the transaction by itself.
        end_transaction();
        throw invalid_request_error(
            dialect_ == dialect_kind::sqlite
                ? "cannot commit: SQLite already rolled this transaction back (it does after some errors, such as "
                  "SQLITE_FULL or an interrupted write); nothing was committed"
                : "cannot commit: the server already ended this transaction; nothing was committed");
    }
    try {
        run_internal("COMMIT", {});
    } catch (...) {
        // SQLite keeps the transaction open when COMMIT fails (busy, deferred
        // foreign key); PostgreSQL ends it. Follow the database.
        if (invalidated_ || !db.in_transaction()) end_transaction();
        throw;
    }
    end_transaction();
}

void connection::rollback() {
    if (!in_transaction_) return;
    if (!record_ || invalidated_) {  // nothing left on the server to roll back
        end_transaction();
        return;
    }
    driver::connection& db = record_->dbapi();
    if (engine_.state().begin_sql.empty() || !db.in_transaction()) {
        end_transaction();
        return;
    }
    end_transaction();
    try {
        run_internal("ROLLBACK", {});
    } catch (const connection_lost&) {
        // The transaction went with the connection.
    }
}

nested_transaction connection::begin_nested() {
    if (!in_transaction_) begin_transaction(true);
    if (engine_.state().begin_sql.empty())
        throw invalid_request_error("begin_nested() needs a transaction, and isolation_level autocommit has none");
    const int depth = savepoint_depth_ + 1;
    std::string name = "sp_" + std::to_string(depth);
    run_internal("SAVEPOINT " + name, {});
    savepoint_depth_ = depth;
    return nested_transaction(*this, std::move(name));
}

}  // namespace retort
