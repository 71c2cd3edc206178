#pragma once
// The raw PostgreSQL twins' connection: libpq's PGconn, opened from the same URL retort
// uses (libpq reads postgresql:// URIs itself) and finished when it goes. Setup and
// transaction control only; the timed loops call PQexecPrepared and friends themselves.
#include <stdexcept>
#include <string>
#include <string_view>

#include <libpq-fe.h>

namespace retort_bench {

class raw_pg_connection {
public:
    explicit raw_pg_connection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            const std::string message = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw std::runtime_error("PQconnectdb: " + message);
        }
        // Notices ("table does not exist, skipping") are not errors, as retort treats them.
        PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    }
    ~raw_pg_connection() { PQfinish(conn_); }
    raw_pg_connection(const raw_pg_connection&) = delete;
    raw_pg_connection& operator=(const raw_pg_connection&) = delete;

    PGconn* get() const noexcept { return conn_; }

    // Runs SQL without parameters or rows; throws with the server's message.
    void exec(const char* sql) const {
        PGresult* r = PQexec(conn_, sql);
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        const std::string message = ok ? "" : PQresultErrorMessage(r);
        PQclear(r);
        if (!ok) throw std::runtime_error(message + " [" + sql + "]");
    }
    void prepare(const char* name, std::string_view sql) const {
        const std::string text(sql);
        PGresult* r = PQprepare(conn_, name, text.c_str(), 0, nullptr);
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        const std::string message = ok ? "" : PQresultErrorMessage(r);
        PQclear(r);
        if (!ok) throw std::runtime_error(message + " [" + text + "]");
    }
    [[noreturn]] void fail(PGresult* r) const {
        const std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
        PQclear(r);
        throw std::runtime_error(message);
    }

private:
    PGconn* conn_;
};

}  // namespace retort_bench
