#pragma once
// The raw SQLite twins' handles: an in-memory database opened as retort opens one
// (NOMUTEX) and prepared statements, closed when they go. Setup only; the timed loops
// call the sqlite3_* functions themselves.
#include <stdexcept>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace retort_bench {

class raw_sqlite_db {
public:
    raw_sqlite_db() {
        if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK)
            throw std::runtime_error("sqlite3_open_v2 failed");
    }
    ~raw_sqlite_db() { sqlite3_close_v2(db_); }
    raw_sqlite_db(const raw_sqlite_db&) = delete;
    raw_sqlite_db& operator=(const raw_sqlite_db&) = delete;

    sqlite3* get() const noexcept { return db_; }

    void exec(std::string_view sql) const {
        const std::string script(sql);
        if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sqlite3_errmsg(db_)) + ": " + script);
    }

private:
    sqlite3* db_ = nullptr;
};

class raw_sqlite_statement {
public:
    raw_sqlite_statement(const raw_sqlite_db& db, std::string_view sql) {
        if (sqlite3_prepare_v3(db.get(), sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
            SQLITE_OK)
            throw std::runtime_error(std::string(sqlite3_errmsg(db.get())) + ": " + std::string(sql));
    }
    ~raw_sqlite_statement() { sqlite3_finalize(stmt_); }
    raw_sqlite_statement(const raw_sqlite_statement&) = delete;
    raw_sqlite_statement& operator=(const raw_sqlite_statement&) = delete;

    sqlite3_stmt* get() const noexcept { return stmt_; }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace retort_bench
