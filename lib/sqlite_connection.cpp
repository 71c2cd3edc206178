#include "sqlite_connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <thread>

#include <retort/core/errors.hpp>

#include "database_url.hpp"
#include "hot_path.hpp"
#include "sqlite_error.hpp"

namespace retort::detail {

sqlite_config make_sqlite_config(const database_url& url) {
    sqlite_config config;
    config.path = url.memory() ? ":memory:" : url.database;
    config.open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    std::string journal_mode;
    for (const auto& [key, value] : url.query) {
        if (key == "mode") {
            if (value == "ro")
                config.open_flags = SQLITE_OPEN_READONLY;
            else if (value == "rw")
                config.open_flags = SQLITE_OPEN_READWRITE;
            else if (value == "rwc")
                config.open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            else
                throw url_error("SQLite option mode='" + value + "' is not one of ro, rw, rwc in URL '" + url.masked + "'");
        } else if (key == "timeout") {
            double seconds = -1;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
            if (ec != std::errc{} || end != value.data() + value.size() || !(seconds >= 0) || seconds > 1e6)
                throw url_error("SQLite option timeout='" + value + "' is not a number of seconds in URL '" +
                                url.masked + "'");
            config.busy_timeout_ms = int(std::lround(seconds * 1000));
        } else if (key == "journal_mode") {
            std::string mode;
            for (char c : value) mode += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            if (mode != "wal" && mode != "delete" && mode != "truncate" && mode != "persist" && mode != "memory" &&
                mode != "off")
                throw url_error("SQLite option journal_mode='" + value +
                                "' is not one of wal, delete, truncate, persist, memory, off in URL '" + url.masked + "'");
            journal_mode = std::move(mode);
            config.journal_mode_asked = true;
        } else {
            throw url_error("unknown SQLite option '" + key + "' (known: mode, timeout, journal_mode) in URL '" +
                            url.masked + "'");
        }
    }
    // A memory database has no journal file to speak of; a read-only one cannot change it.
    if (!url.memory() && (config.open_flags & SQLITE_OPEN_READWRITE) != 0)
        config.journal_mode = journal_mode.empty() ? "wal" : journal_mode;
    return config;
}

namespace {

// Every 1000 VM steps: interrupts the running statement once its deadline has passed, or when
// an interrupt() is pending that SQLite itself forgot (sent before the statement started).
int on_progress(void* session) noexcept {
    const auto& s = *static_cast<const sqlite_session*>(session);
    if (s.interrupted.load(std::memory_order_relaxed)) return 1;
    return s.use.timeout().count() > 0 && std::chrono::steady_clock::now() >= s.deadline ? 1 : 0;
}

}  // namespace

sqlite_connection::sqlite_connection(const sqlite_config& config) {
    // NOMUTEX: a pooled connection is used by one thread at a time (connection_use refuses a
    // second), so SQLite's own per-call locking would only cost time.
    const int rc = sqlite3_open_v2(config.path.c_str(), &db_, config.open_flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw cannot_connect("unable to open database file '" + config.path + "': " + message + " (" +
                                 std::string(sqlite_code_name(rc)) + ")",
                             {}, std::to_string(rc));
    }
    session_.db = db_;
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_progress_handler(db_, 1000, on_progress, &session_);
    // Before any PRAGMA: each of them may meet a lock another connection holds.
    sqlite3_busy_timeout(db_, config.busy_timeout_ms);
    // Some locks answer SQLITE_BUSY at once rather than through the busy handler (a WAL file
    // being checkpointed by its last connection as it closes, recovery): the whole setup is
    // tried again until the busy timeout has passed.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(config.busy_timeout_ms);
    for (auto pause = std::chrono::milliseconds(1);; pause = std::min(pause * 2, std::chrono::milliseconds(50))) {
        try {
            configure(config);
            break;
        } catch (const database_locked& e) {
            if (std::chrono::steady_clock::now() + pause < give_up) {
                std::this_thread::sleep_for(pause);
                continue;
            }
            sqlite3_close(db_);
            db_ = nullptr;
            throw cannot_connect("unable to open database file '" + config.path + "': " + e.driver_message(), {},
                                 e.code());
        } catch (const statement_error& e) {
            sqlite3_close(db_);
            db_ = nullptr;
            throw cannot_connect("unable to open database file '" + config.path + "': " + e.driver_message(), {},
                                 e.code());
        }
    }
    default_timeout_ = config.statement_timeout;
    set_statement_timeout(std::nullopt);
}

std::string sqlite_connection::text_scalar(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        const std::string message = sqlite3_errmsg(db_);
        sqlite3_finalize(stmt);
        throw_sqlite_error(rc, message, sql);
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    std::string value = text ? text : "";
    sqlite3_finalize(stmt);
    return value;
}

void sqlite_connection::configure(const sqlite_config& config) {
    // Referential integrity is opt-in per connection in SQLite; retort always opts in.
    exec("PRAGMA foreign_keys = ON");
    if (config.read_uncommitted) exec("PRAGMA read_uncommitted = 1");
    // Changing the journal mode takes an exclusive lock: only when the file is not in that
    // mode yet, and never on a file SQLite opened read-only (a write-protected file opens
    // for reading, as in SQLAlchemy).
    if (!config.journal_mode.empty() && sqlite3_db_readonly(db_, "main") != 1 &&
        text_scalar("PRAGMA journal_mode") != config.journal_mode) {
        try {
            exec("PRAGMA journal_mode = " + config.journal_mode);
        } catch (const database_locked&) {
            // WAL by default is a convenience: under load the file stays in its mode for this
            // connection (the next one tries again). A mode the URL asked for is required.
            if (config.journal_mode_asked) throw;
        }
    }
    // Reading the schema here turns "file is not a database" into a connect error.
    exec("SELECT count(*) FROM sqlite_schema");
}

void sqlite_connection::set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) {
    session_.use.set_timeout(timeout.value_or(default_timeout_));
}

sqlite_connection::~sqlite_connection() {
    for (auto& statement : cache_)
        if (statement && statement->busy()) statement.release()->orphan();
    cache_.clear();
    close();
}

RETORT_HOT_PATH driver::statement_handle sqlite_connection::prepare(std::size_t key, std::string_view sql) {
    // The common case first: a cached statement, free to lend.
    if (key < cache_.size() && db_ != nullptr) [[likely]] {
        sqlite_statement* cached = cache_[key].get();
        if (cached != nullptr && !cached->busy()) [[likely]] {
            assert(cached->sql() == sql && "one statement key, two SQL texts");
            cached->lend();
            return {cached, false};
        }
    }
    return prepare_uncommon(key, sql);
}

driver::statement_handle sqlite_connection::prepare_uncommon(std::size_t key, std::string_view sql) {
    if (db_ == nullptr) [[unlikely]]
        throw resource_closed_error("this SQLite connection is closed");
    // Preparing reads the schema through the handle: one thread at a time here too.
    const connection_use::scope use(session_.use);
    if (key == driver::uncached) return {new sqlite_statement(session_, sql, false), true};
    if (key >= cache_.size()) cache_.resize(key + 1);
    auto& slot = cache_[key];
    if (!slot) {
        slot = std::make_unique<sqlite_statement>(session_, sql, true);
    } else if (slot->busy()) {
        // Rows of an earlier execution are still being read: lend a fresh one.
        return {new sqlite_statement(session_, sql, false), true};
    }
    assert(slot->sql() == sql && "one statement key, two SQL texts");
    slot->lend();
    return {slot.get(), false};
}

void sqlite_connection::exec(std::string_view sql) {
    if (db_ == nullptr) [[unlikely]]
        throw resource_closed_error("this SQLite connection is closed");
    // sqlite3_exec wants a NUL-terminated script.
    const std::string script(sql);
    const connection_use::scope use(session_.use);
    if (use.timed()) session_.arm();
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        session_.fail(rc, text, sql);
    }
}

void sqlite_connection::interrupt() noexcept {
    // Thread-safe by SQLite's contract, also on a connection opened NOMUTEX. The flag stops a
    // statement that starts after it (SQLite clears its own as the first statement starts).
    session_.interrupted.store(true, std::memory_order_relaxed);
    if (db_ != nullptr) sqlite3_interrupt(db_);
}

void sqlite_connection::forget_interrupt() noexcept { session_.interrupted.store(false, std::memory_order_relaxed); }

bool sqlite_connection::ping() noexcept {
    if (db_ == nullptr) return false;
    return sqlite3_exec(db_, "SELECT 1", nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::int64_t sqlite_connection::last_insert_id() { return sqlite3_last_insert_rowid(db_); }

bool sqlite_connection::in_transaction() const noexcept { return db_ != nullptr && sqlite3_get_autocommit(db_) == 0; }

void sqlite_connection::reset() {
    if (in_transaction()) exec("ROLLBACK");
}

void sqlite_connection::close() noexcept {
    if (db_ == nullptr) return;
    // close_v2: statements still lent out stay valid (finish() works on them)
    // until the cache is destroyed with this object; SQLite frees the handle then.
    sqlite3_close_v2(db_);
    db_ = nullptr;
}

}  // namespace retort::detail
