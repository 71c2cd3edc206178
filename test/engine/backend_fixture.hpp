#pragma once
// Runs a test against each database retort drives: SQLite in memory, SQLite in a
// file, and a real PostgreSQL server (from the test harness; required in CI).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>

#include "support/postgres.hpp"

namespace retort::test {

enum class backend { sqlite_memory, sqlite_file, postgresql };

inline std::string backend_name(const ::testing::TestParamInfo<backend>& info) {
    switch (info.param) {
        case backend::sqlite_memory: return "sqlite_memory";
        case backend::sqlite_file: return "sqlite_file";
        case backend::postgresql: return "postgresql";
    }
    return "unknown";
}

// Runs `sql` (no parameters) on `conn` and returns the first row's first column.
inline std::optional<std::int64_t> query_int(connection& conn, std::string_view sql) {
    auto statement = conn.prepare(driver::uncached, sql);
    conn.run(*statement, sql, {});
    if (!statement->next() || statement->is_null(0)) return std::nullopt;
    return statement->get_int(0);
}

inline std::optional<std::string> query_text(connection& conn, std::string_view sql) {
    auto statement = conn.prepare(driver::uncached, sql);
    conn.run(*statement, sql, {});
    if (!statement->next() || statement->is_null(0)) return std::nullopt;
    return std::string(statement->get_text(0));
}

// `url` with one more query option ("key=value").
inline std::string with_option(const std::string& url, std::string_view option) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + std::string(option);
}

class backend_test : public ::testing::TestWithParam<backend> {
protected:
    void SetUp() override {
        switch (GetParam()) {
            case backend::sqlite_memory: url_ = "sqlite://"; break;
            case backend::sqlite_file: url_ = "sqlite:///" + temp_sqlite_path(); break;
            case backend::postgresql: {
                RETORT_REQUIRE_POSTGRES(pg_url);
                url_ = pg_url;
                break;
            }
        }
    }

    engine make_engine(engine_options options = {}) { return create_engine(url_, std::move(options)); }

    bool is_postgresql() const { return GetParam() == backend::postgresql; }
    // An in-memory SQLite database lives in one connection: a second one can only
    // be had after the first is returned.
    bool one_connection_only() const { return GetParam() == backend::sqlite_memory; }

    // The dialect's spelling of a column type.
    std::string blob_type() const { return is_postgresql() ? "BYTEA" : "BLOB"; }
    std::string double_type() const { return is_postgresql() ? "DOUBLE PRECISION" : "REAL"; }
    std::string bool_type() const { return "BOOLEAN"; }
    std::string serial_key() const { return is_postgresql() ? "SERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY"; }
    std::string placeholder(int n) const { return is_postgresql() ? "$" + std::to_string(n) : "?"; }

    // Creates `name` afresh: the PostgreSQL database is shared by the tests of one process.
    static void recreate(connection& conn, std::string_view name, std::string_view columns) {
        conn.exec_driver_sql("DROP TABLE IF EXISTS " + std::string(name) + (conn.dialect() == dialect_kind::postgresql ? " CASCADE" : ""));
        conn.exec_driver_sql("CREATE TABLE " + std::string(name) + " (" + std::string(columns) + ")");
    }

    std::string url_;
};

#define RETORT_ALL_BACKENDS(suite)                                                                              \
    INSTANTIATE_TEST_SUITE_P(all, suite,                                                                        \
                             ::testing::Values(::retort::test::backend::sqlite_memory,                         \
                                               ::retort::test::backend::sqlite_file,                           \
                                               ::retort::test::backend::postgresql),                           \
                             ::retort::test::backend_name)

}  // namespace retort::test
