// The connection pool: SQLAlchemy's QueuePool, NullPool and StaticPool behind one
// class. One mutex guards the bookkeeping; every driver call (connect, ping, reset,
// close) and every listener runs outside it, so a slow server never blocks the
// threads that only return connections.
#include "pool.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include <retort/core/errors.hpp>

namespace retort::detail {

namespace {

using clock = std::chrono::steady_clock;
using listener_list = pool_listener_list;

// A static pool hands every checkout the same physical connection. Each checkout
// gets its own record wrapping this adapter, so records keep sole ownership of
// their driver::connection while the physical one is shared; closing an adapter
// leaves the shared connection open for the other holders.
class shared_connection final : public driver::connection {
public:
    explicit shared_connection(std::shared_ptr<driver::connection> target) : target_(std::move(target)) {}

    const std::shared_ptr<driver::connection>& target() const noexcept { return target_; }

    dialect_kind dialect() const noexcept override { return target_->dialect(); }
    driver::statement_handle prepare(std::size_t key, std::string_view sql) override {
        return target_->prepare(key, sql);
    }
    void exec(std::string_view sql) override { target_->exec(sql); }
    bool ping() noexcept override { return !closed_ && target_->ping(); }
    std::int64_t last_insert_id() override { return target_->last_insert_id(); }
    bool in_transaction() const noexcept override { return target_->in_transaction(); }
    bool transaction_failed() const noexcept override { return target_->transaction_failed(); }
    void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) override {
        target_->set_statement_timeout(timeout);
    }
    std::chrono::milliseconds statement_timeout() const noexcept override { return target_->statement_timeout(); }
    void reset() override { target_->reset(); }
    void close() noexcept override { closed_ = true; }
    bool closed() const noexcept override { return closed_ || target_->closed(); }

private:
    std::shared_ptr<driver::connection> target_;
    bool closed_ = false;
};

std::string error_text(std::exception_ptr error) {
    try {
        std::rethrow_exception(std::move(error));
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

// Waits longer than this are treated as "forever": a duration<double> of 1e300
// seconds does not fit steady_clock's nanosecond count.
constexpr double longest_wait_seconds = 1e9;

}  // namespace

connection_record::connection_record(pool& owner, std::unique_ptr<driver::connection> dbapi, std::uint64_t id)
    : owner_(&owner), dbapi_(std::move(dbapi)), id_(id), created_(clock::now()) {}

connection_record::~connection_record() {
    if (dbapi_ && !dbapi_->closed()) dbapi_->close();
}

struct pool::state {
    state(pool& self, pool_config cfg, connector conn, pool_listeners& l)
        : owner(self), config(std::move(cfg)), connect(std::move(conn)), listeners(l) {}

    pool& owner;
    const pool_config config;
    const connector connect;
    pool_listeners& listeners;

    mutable std::mutex mutex;
    std::condition_variable available;              // an idle connection or a free slot appeared
    std::deque<std::unique_ptr<connection_record>> idle;  // returned at the back
    int open = 0;         // queue: connections counted against size + max_overflow, connecting included
    int waiting = 0;      // threads blocked in checkout
    int checked_out = 0;  // null and static pools (the queue derives it)
    std::uint64_t last_id = 0;          // ids grow with creation order
    std::uint64_t invalid_through = 0;  // connections with id <= this are stale

    std::mutex first_connect_mutex;
    std::atomic<bool> first_connect_done{false};

    // Static pool: the one physical connection, (re)made under static_mutex.
    std::mutex static_mutex;
    std::shared_ptr<driver::connection> shared;
    std::uint64_t shared_id = 0;
    clock::time_point shared_created{};

    // --- logging and events -------------------------------------------------

    // echo_pool lines are built only when echo_pool is on: checkout and checkin
    // stay free of string work otherwise.
    static void append(std::string& out, std::string_view text) { out += text; }
    static void append(std::string& out, std::uint64_t number) { out += std::to_string(number); }

    template <class... Parts>
    void echo(const Parts&... parts) const {
        if (!config.echo) return;
        std::string message;
        (append(message, parts), ...);
        config.log(message);
    }

    template <class... Parts>
    void echo_quietly(const Parts&... parts) const noexcept {
        try {
            echo(parts...);
        } catch (...) {
        }
    }

    void complain(const std::string& message) const noexcept {
        try {
            config.log(message);
        } catch (...) {
            // A failing log sink must not turn a checkin into a crash.
        }
    }

    static void emit(const listener_list& fns, driver::connection& dbapi, std::uint64_t id) {
        const pool_event event{&dbapi, id};
        for (const auto& fn : fns) fn(event);
    }

    // For paths that cannot throw (checkin, invalidate, close): a listener's
    // exception is logged and the pool goes on.
    void emit_quietly(const char* name, const listener_list& fns, driver::connection& dbapi,
                      std::uint64_t id) const noexcept {
        try {
            emit(fns, dbapi, id);
        } catch (...) {
            complain(std::string("Exception in pool ") + name + " listener for connection " + std::to_string(id) +
                     ": " + error_text(std::current_exception()));
        }
    }

    // --- connections ----------------------------------------------------------

    bool stale(std::uint64_t id) const {
        std::lock_guard lock(mutex);
        return id <= invalid_through;
    }

    // Opens a physical connection and tells the connect (and once, first_connect)
    // listeners. Throws whatever the connector or a listener throws.
    std::pair<std::unique_ptr<driver::connection>, std::uint64_t> open_physical() {
        auto dbapi = connect();
        if (!dbapi) throw cannot_connect("the pool's connector returned no connection", {});
        std::uint64_t id;
        {
            std::lock_guard lock(mutex);
            id = ++last_id;
        }
        echo("Created new connection ", id);
        try {
            if (!first_connect_done.load(std::memory_order_acquire)) {
                // Others wait here until the first listener run has finished; a throwing
                // first_connect listener leaves the flag unset, so the next connect retries.
                std::lock_guard lock(first_connect_mutex);
                if (!first_connect_done.load(std::memory_order_relaxed)) {
                    emit(listeners.first_connect, *dbapi, id);
                    first_connect_done.store(true, std::memory_order_release);
                }
            }
            emit(listeners.connect, *dbapi, id);
        } catch (...) {
            echo("Error on connect(): ", error_text(std::current_exception()));
            dbapi->close();
            throw;
        }
        return {std::move(dbapi), id};
    }

    std::unique_ptr<connection_record> open_record() {
        auto [dbapi, id] = open_physical();
        return std::make_unique<connection_record>(owner, std::move(dbapi), id);
    }

    void close_physical(driver::connection& dbapi, std::uint64_t id) const noexcept {
        echo_quietly("Closing connection ", id);
        emit_quietly("close", listeners.close, dbapi, id);
        dbapi.close();
    }


    // Why a pooled connection must not be handed out as is, or nullptr.
    const char* recycle_reason(std::uint64_t id, clock::time_point created, bool invalidated, bool closed) const {
        if (invalidated || stale(id)) return "invalidated due to pool invalidation time; recycling";
        if (closed) return "is closed; recycling";
        if (config.recycle >= 0 &&
            std::chrono::duration<double>(clock::now() - created).count() > config.recycle)
            return "exceeded timeout; recycling";
        return nullptr;
    }

    // Marks every connection that exists now as stale, unless `id` is already
    // older than the last invalidation (then a later one covered it: one server
    // restart should not invalidate the pool once per dead connection).
    void invalidate_generation(std::uint64_t id) {
        std::lock_guard lock(mutex);
        if (id > invalid_through) invalid_through = last_id;
    }

    void invalidate(connection_record& record, std::string_view reason) noexcept {
        if (record.invalidated()) return;
        record.invalidate();
        if (reason.empty())
            echo_quietly("Invalidating connection ", record.id());
        else
            echo_quietly("Invalidating connection ", record.id(), " (reason: ", reason, ")");
        emit_quietly("invalidate", listeners.invalidate, record.dbapi(), record.id());
        invalidate_generation(record.id());
    }

    // Recycle, invalidation and pre_ping, applied to a connection taken from the
    // pool. Returns the record to hand out: the same one, or a fresh connection
    // in its place (the old one closed first, so the server never sees both).
    std::unique_ptr<connection_record> refresh(std::unique_ptr<connection_record> record) {
        if (const char* why = recycle_reason(record->id(), record->created(), record->invalidated(),
                                             record->dbapi().closed())) {
            echo("Connection ", record->id(), " ", why);
            close_physical(record->dbapi(), record->id());
            record.reset();
            return open_record();
        }
        if (config.pre_ping && !record->dbapi().ping()) {
            echo("Pool pre-ping on connection ", record->id(), " failed, will invalidate pool");
            invalidate(*record, "pre-ping failed");
            close_physical(record->dbapi(), record->id());
            record.reset();
            return open_record();
        }
        return record;
    }

    // Rolls back what the application left open. False when the connection
    // cannot be trusted any more (the rollback or a reset listener failed).
    bool reset(connection_record& record) noexcept {
        try {
            emit(listeners.reset, record.dbapi(), record.id());
            if (record.dbapi().in_transaction()) {
                echo("Connection ", record.id(), " rollback-on-return");
                record.dbapi().reset();
            }
            return true;
        } catch (...) {
            complain("Exception during reset or similar on connection " + std::to_string(record.id()) + ": " +
                     error_text(std::current_exception()));
            return false;
        }
    }

    // Shared first half of every checkin: log, reset, checkin event. Returns
    // whether the connection may be used again.
    bool prepare_return(connection_record& record) noexcept {
        echo_quietly("Connection ", record.id(), " being returned to pool");
        bool reusable = !record.invalidated() && !record.dbapi().closed() && !stale(record.id());
        if (reusable && config.reset_on_return) reusable = reset(record);
        emit_quietly("checkin", listeners.checkin, record.dbapi(), record.id());
        return reusable;
    }

    std::unique_ptr<connection_record> hand_out(std::unique_ptr<connection_record> record) {
        echo("Connection ", record->id(), " checked out from pool");
        try {
            emit(listeners.checkout, record->dbapi(), record->id());
        } catch (...) {
            owner.checkin(std::move(record));
            throw;
        }
        return record;
    }

    // --- QueuePool ----------------------------------------------------------------

    bool unlimited() const noexcept { return config.size == 0 || config.max_overflow == -1; }
    bool has_free_slot() const noexcept { return unlimited() || open < config.size + config.max_overflow; }

    std::string timeout_message() const {
        char text[160];
        std::snprintf(text, sizeof text,
                      "QueuePool limit of size %d overflow %d reached, connection timed out, timeout %.2f",
                      config.size, open - config.size, config.timeout);
        return text + config.timeout_hint;
    }

    void release_slot() noexcept {
        std::lock_guard lock(mutex);
        --open;
        available.notify_one();
    }

    std::unique_ptr<connection_record> checkout_queue() {
        std::unique_ptr<connection_record> record;
        {
            std::unique_lock lock(mutex);
            std::optional<clock::time_point> deadline;
            for (;;) {
                if (!idle.empty()) {
                    if (config.use_lifo) {
                        record = std::move(idle.back());
                        idle.pop_back();
                    } else {
                        record = std::move(idle.front());
                        idle.pop_front();
                    }
                    break;
                }
                if (has_free_slot()) {
                    ++open;  // claimed now, connected below outside the lock
                    break;
                }
                if (!deadline) {
                    const auto wait = std::chrono::duration<double>(std::min(config.timeout, longest_wait_seconds));
                    deadline = clock::now() + std::chrono::duration_cast<clock::duration>(wait);
                }
                ++waiting;
                const bool woken = available.wait_until(lock, *deadline, [&] { return !idle.empty() || has_free_slot(); });
                --waiting;
                if (!woken) throw retort::pool_timeout(timeout_message());
            }
        }
        try {
            record = record ? refresh(std::move(record)) : open_record();
        } catch (...) {
            release_slot();
            throw;
        }
        return hand_out(std::move(record));
    }

    void checkin_queue(std::unique_ptr<connection_record> record) noexcept {
        const bool reusable = prepare_return(*record);
        {
            std::lock_guard lock(mutex);
            // Beyond pool_size a connection is closed, unless a thread is already
            // waiting for one: closing it would only make that thread open another.
            if (reusable && (config.size == 0 || static_cast<int>(idle.size()) < config.size + waiting)) {
                idle.push_back(std::move(record));
                available.notify_one();
                return;
            }
        }
        // Closed before its slot is freed, so the server never sees more than
        // size + max_overflow connections from this pool.
        close_physical(record->dbapi(), record->id());
        record.reset();
        release_slot();
    }

    // --- NullPool -------------------------------------------------------------------

    std::unique_ptr<connection_record> checkout_null() {
        {
            std::lock_guard lock(mutex);
            ++checked_out;
        }
        std::unique_ptr<connection_record> record;
        try {
            record = open_record();
        } catch (...) {
            std::lock_guard lock(mutex);
            --checked_out;
            throw;
        }
        return hand_out(std::move(record));
    }

    void checkin_null(std::unique_ptr<connection_record> record) noexcept {
        prepare_return(*record);
        close_physical(record->dbapi(), record->id());
        record.reset();
        std::lock_guard lock(mutex);
        --checked_out;
    }

    // --- StaticPool -----------------------------------------------------------------

    std::unique_ptr<connection_record> checkout_static() {
        std::unique_ptr<connection_record> record;
        {
            std::lock_guard connecting(static_mutex);
            auto current = usable_shared();
            std::lock_guard lock(mutex);
            record = std::make_unique<connection_record>(owner, std::make_unique<shared_connection>(current), shared_id);
            ++checked_out;
        }
        return hand_out(std::move(record));
    }

    // The shared connection, checked (recycle, invalidation, pre_ping) and made
    // anew when needed. Called under static_mutex.
    std::shared_ptr<driver::connection> usable_shared() {
        std::shared_ptr<driver::connection> current;
        {
            std::lock_guard lock(mutex);
            current = shared;
        }
        if (current) {
            const char* why = recycle_reason(shared_id, shared_created, false, current->closed());
            if (why) {
                echo("Connection ", shared_id, " ", why);
            } else if (config.pre_ping && !current->ping()) {
                echo("Pool pre-ping on connection ", shared_id, " failed, will invalidate pool");
                echo("Invalidating connection ", shared_id, " (reason: pre-ping failed)");
                emit_quietly("invalidate", listeners.invalidate, *current, shared_id);
                invalidate_generation(shared_id);
                why = "pre-ping failed";
            }
            if (why) {
                current.reset();
                retire_shared();
            }
        }
        if (!current) {
            auto [dbapi, id] = open_physical();
            current = std::shared_ptr<driver::connection>(std::move(dbapi));
            std::lock_guard lock(mutex);
            shared = current;
            shared_id = id;
            shared_created = clock::now();
        }
        return current;
    }

    // Drops the pool's hold on the shared connection; it is closed now if no
    // checkout uses it, else by the checkin of its last holder. Checkouts copy
    // and drop a connection under `mutex` (or, for the live one, under
    // static_mutex, held here too), so use_count() tells whether a holder is left.
    void retire_shared() noexcept {
        std::shared_ptr<driver::connection> old;
        std::uint64_t id;
        {
            std::lock_guard lock(mutex);
            old = std::move(shared);
            shared.reset();
            id = shared_id;
            if (old && old.use_count() > 1) old.reset();
        }
        if (old) close_physical(*old, id);
    }

    void checkin_static(std::unique_ptr<connection_record> record) noexcept {
        const bool reusable = prepare_return(*record);
        const std::uint64_t id = record->id();
        std::shared_ptr<driver::connection> physical;
        {
            std::lock_guard lock(mutex);
            --checked_out;
            if (!reusable && id > invalid_through) invalid_through = id;  // the next checkout replaces it
            physical = static_cast<shared_connection&>(record->dbapi()).target();
            record.reset();
            // Keep it only to close it: the last holder of a connection the pool has replaced.
            if (physical == shared || physical.use_count() > 1) physical.reset();
        }
        if (physical) close_physical(*physical, id);
    }

    // --- status and dispose -----------------------------------------------------------

    pool_status status() const {
        std::lock_guard lock(mutex);
        switch (config.kind) {
            case pool_class::queue:
                return {config.size, static_cast<int>(idle.size()), std::max(0, open - config.size),
                        open - static_cast<int>(idle.size())};
            case pool_class::null:
                return {0, 0, 0, checked_out};
            case pool_class::static_pool:
                return {1, shared && checked_out == 0 ? 1 : 0, 0, checked_out};
        }
        return {};
    }

    static std::string status_text(const pool_status& s) {
        return "Pool size: " + std::to_string(s.size) + "  Connections in pool: " + std::to_string(s.idle) +
               " Current Overflow: " + std::to_string(s.overflow) +
               " Current Checked out connections: " + std::to_string(s.checked_out);
    }

    void dispose() {
        std::deque<std::unique_ptr<connection_record>> closing;
        {
            std::lock_guard lock(mutex);
            closing.swap(idle);
            // Checked-out connections are closed when they come back.
            invalid_through = last_id;
        }
        for (auto& record : closing) {
            close_physical(record->dbapi(), record->id());
            record.reset();
            release_slot();
        }
        if (config.kind == pool_class::static_pool) {
            std::lock_guard connecting(static_mutex);
            retire_shared();
        }
        echo("Pool disposed. ", status_text(status()));
    }

};

namespace {

void validate(const pool_config& config) {
    if (config.size < 0) throw argument_error("pool_size must be 0 (no limit) or more, got " + std::to_string(config.size));
    if (config.max_overflow < -1)
        throw argument_error("max_overflow must be -1 (no limit) or more, got " + std::to_string(config.max_overflow));
    if (!(config.timeout >= 0)) throw argument_error("pool_timeout must be 0 seconds or more");
    if (std::isnan(config.recycle)) throw argument_error("pool_recycle must be a number of seconds, or -1");
}

}  // namespace

pool::pool(pool_config config, connector connect, pool_listeners& listeners) {
    validate(config);
    if (!connect) throw argument_error("the pool needs a connector");
    if (!config.log) config.log = [](std::string_view line) { std::clog << line << '\n'; };
    state_ = std::make_unique<state>(*this, std::move(config), std::move(connect), listeners);
}

pool::~pool() {
    // Listeners may already be gone with the engine: close without events.
    for (auto& record : state_->idle) record->dbapi().close();
    if (state_->shared && state_->shared.use_count() == 1) state_->shared->close();
}

std::unique_ptr<connection_record> pool::checkout() {
    switch (state_->config.kind) {
        case pool_class::null: return state_->checkout_null();
        case pool_class::static_pool: return state_->checkout_static();
        case pool_class::queue: break;
    }
    return state_->checkout_queue();
}

void pool::checkin(std::unique_ptr<connection_record> record) noexcept {
    if (!record) return;
    switch (state_->config.kind) {
        case pool_class::null: return state_->checkin_null(std::move(record));
        case pool_class::static_pool: return state_->checkin_static(std::move(record));
        case pool_class::queue: return state_->checkin_queue(std::move(record));
    }
}

void pool::invalidate(connection_record& record, std::string_view reason) noexcept {
    state_->invalidate(record, reason);
}

pool_status pool::status() const { return state_->status(); }

void pool::dispose() { state_->dispose(); }

}  // namespace retort::detail
