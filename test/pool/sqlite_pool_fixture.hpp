#pragma once
// Pools of real SQLite connections to one fresh database file per test, with their
// events and echo_pool log recorded.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "database_url.hpp"
#include "event_recorder.hpp"
#include "pool.hpp"
#include "sqlite_connection.hpp"
#include "support/postgres.hpp"

namespace retort::test {

class sqlite_pool_fixture : public ::testing::Test {
protected:
    // The first column of the first row of `sql`.
    static std::int64_t scalar(driver::connection& dbapi, std::string_view sql) {
        auto statement = dbapi.prepare(driver::uncached, sql);
        statement->execute();
        if (!statement->next()) throw std::runtime_error("no row from " + std::string(sql));
        return statement->get_int(0);
    }

    ::retort::detail::pool::connector connector() {
        return [this] {
            connects.fetch_add(1);
            std::string url = "sqlite:///" + (fail_connects.load() ? unreachable_path : path);
            return std::make_unique<::retort::detail::sqlite_connection>(
                ::retort::detail::make_sqlite_config(::retort::detail::parse_database_url(url)));
        };
    }

    // A pool over `path`; the echo_pool log goes to log_lines().
    std::unique_ptr<::retort::detail::pool> make_pool(::retort::detail::pool_config config) {
        config.log = [this](std::string_view line) {
            std::lock_guard lock(log_mutex_);
            log_.emplace_back(line);
        };
        return std::make_unique<::retort::detail::pool>(std::move(config), connector(), listeners);
    }

    std::vector<std::string> log_lines() {
        std::lock_guard lock(log_mutex_);
        return log_;
    }

    std::string path = temp_sqlite_path("pool.db");
    // A database in a directory that does not exist: sqlite3_open_v2 fails for real.
    std::string unreachable_path = temp_sqlite_path("missing") + "/no/such/dir/pool.db";
    std::atomic<bool> fail_connects{false};
    std::atomic<int> connects{0};
    ::retort::detail::pool_listeners listeners;
    event_recorder events{listeners};

private:
    std::mutex log_mutex_;
    std::vector<std::string> log_;
};

}  // namespace retort::test
