#pragma once
// A plain libpq connection for tests that need to look at (or set up) a PostgreSQL database
// without going through retort: CREATE/DROP DATABASE here, checking what retort wrote elsewhere.
#include <string>

#include <libpq-fe.h>

namespace retort::test {

class libpq_session {
public:
    // Accepts URLs and key=value conninfo. Throws std::runtime_error with libpq's message.
    explicit libpq_session(const std::string& url, int connect_timeout_seconds = 10);
    ~libpq_session();
    libpq_session(const libpq_session&) = delete;
    libpq_session& operator=(const libpq_session&) = delete;

    // Runs one statement (outside any transaction unless the SQL opens one) and returns the
    // first column of the first row, or "" when there is none (NULL also reads as "").
    // Throws std::runtime_error with the server's message and the SQL.
    std::string exec(const std::string& sql);

    bool connected() const noexcept { return PQstatus(conn_) == CONNECTION_OK; }
    PGconn* native() const noexcept { return conn_; }

private:
    PGconn* conn_ = nullptr;
};

}  // namespace retort::test
