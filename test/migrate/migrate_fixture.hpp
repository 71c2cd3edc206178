#pragma once
// Migration tests run on an SQLite file and on PostgreSQL (a fresh public schema per test:
// the database is shared by the tests of one process). Commands run through migrate::run().
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/migrate/command.hpp>
#include <retort/migrate/inspector.hpp>
#include <retort/migrate/op.hpp>

#include "query.hpp"
#include "support/postgres.hpp"

namespace retort::test {

enum class migrate_backend { sqlite_file, postgresql };

inline std::string migrate_backend_name(const ::testing::TestParamInfo<migrate_backend>& info) {
    return info.param == migrate_backend::postgresql ? "postgresql" : "sqlite_file";
}

struct command_result {
    int exit_code = 0;
    std::string out, err;
};

class migrate_test : public ::testing::TestWithParam<migrate_backend> {
protected:
    void SetUp() override {
        if (GetParam() == migrate_backend::sqlite_file) {
            url_ = "sqlite:///" + temp_sqlite_path();
        } else {
            RETORT_REQUIRE_POSTGRES(pg_url);
            url_ = pg_url;
            auto conn = engine().connect();
            conn.exec_driver_sql("DROP SCHEMA public CASCADE");
            conn.exec_driver_sql("CREATE SCHEMA public");
            conn.commit();
        }
    }

    retort::engine& engine() {
        if (!engine_) engine_ = create_engine(url_);
        return *engine_;
    }
    bool is_postgresql() const { return GetParam() == migrate_backend::postgresql; }
    dialect_kind dialect() const { return is_postgresql() ? dialect_kind::postgresql : dialect_kind::sqlite; }

    command_result run(const migrate::environment& env, std::vector<std::string> args) {
        args.insert(args.begin(), {"--url", url_});
        std::ostringstream out, err;
        command_result r;
        r.exit_code = migrate::run(env, args, out, err);
        r.out = out.str();
        r.err = err.str();
        return r;
    }

    // The first column of every row of `sql`, as text ("NULL" for NULL).
    std::vector<std::string> column(const std::string& sql) {
        auto conn = engine().connect();
        std::vector<std::string> out;
        for (const auto& row : migrate::detail::query_rows(conn, sql)) out.push_back(row[0].value_or("NULL"));
        return out;
    }
    std::vector<std::string> tables() {
        auto conn = engine().connect();
        return migrate::table_names(conn);
    }
    migrate::schema inspect_all() { return migrate::inspect(engine()); }

    std::string url_;
    std::optional<retort::engine> engine_;
};

#define RETORT_MIGRATE_BACKENDS(suite)                                                                   \
    INSTANTIATE_TEST_SUITE_P(all, suite,                                                                 \
                             ::testing::Values(::retort::test::migrate_backend::sqlite_file,             \
                                               ::retort::test::migrate_backend::postgresql),             \
                             ::retort::test::migrate_backend_name)

}  // namespace retort::test
