#pragma once
// Small helpers shared by the pool's PostgreSQL tests.
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include <retort/driver/connection.hpp>

#include "support/libpq_session.hpp"

namespace retort::test {

// `url` with one more libpq option in its query string.
inline std::string with_option(const std::string& url, std::string_view option) {
    return url + (url.find('?') == std::string::npos ? '?' : '&') + std::string(option);
}

// The first column of the first row of `sql`, read through a retort driver connection.
inline std::int64_t driver_scalar(driver::connection& dbapi, std::string_view sql) {
    auto statement = dbapi.prepare(driver::uncached, sql);
    statement->execute();
    if (!statement->next()) throw std::runtime_error("no row from " + std::string(sql));
    return statement->get_int(0);
}

// Waits (up to 2 s) until backend `pid` has exited: closing a connection or
// pg_terminate_backend() only asks it to, and the backend goes a moment later.
inline bool backend_gone(libpq_session& admin, std::int64_t pid) {
    for (int i = 0; i < 200; ++i) {
        if (admin.exec("SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(pid)) == "0") return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

// Connections the server has open for `application_name`, as pg_stat_activity lists them.
inline int server_connections(libpq_session& monitor, std::string_view application_name) {
    return std::stoi(monitor.exec("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" +
                                  std::string(application_name) + "'"));
}

}  // namespace retort::test
