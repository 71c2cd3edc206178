#include "support/libpq_session.hpp"

#include <stdexcept>
#include <string>

namespace retort::test {

libpq_session::libpq_session(const std::string& url, int connect_timeout_seconds) {
    std::string timeout = std::to_string(connect_timeout_seconds);
    // expand_dbname: `dbname` may hold a whole URL; later keywords (the timeout) still apply.
    const char* keywords[] = {"dbname", "connect_timeout", nullptr};
    const char* values[] = {url.c_str(), timeout.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (conn_ == nullptr) throw std::runtime_error("libpq could not allocate a connection for " + url);
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string message = "cannot connect to " + url + ": " + PQerrorMessage(conn_);
        PQfinish(conn_);
        conn_ = nullptr;
        throw std::runtime_error(message);
    }
}

libpq_session::~libpq_session() {
    if (conn_ != nullptr) PQfinish(conn_);
}

std::string libpq_session::exec(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        std::string message = std::string(PQerrorMessage(conn_)) + "[SQL: " + sql + "]";
        PQclear(result);
        throw std::runtime_error(message);
    }
    std::string value;
    if (status == PGRES_TUPLES_OK && PQntuples(result) > 0 && PQnfields(result) > 0 && !PQgetisnull(result, 0, 0))
        value = PQgetvalue(result, 0, 0);
    PQclear(result);
    return value;
}

}  // namespace retort::test
