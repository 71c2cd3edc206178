#pragma once
// A backend test (SQLite memory, SQLite file, PostgreSQL) with an empty database and an
// engine on it. The PostgreSQL database is shared by the tests of one process, so its
// public schema is emptied first.
#include <gtest/gtest.h>

#include <retort/retort.hpp>

#include "engine/backend_fixture.hpp"

namespace retort::test {

class database_test : public backend_test {
protected:
    void SetUp() override {
        backend_test::SetUp();
        if (IsSkipped() || HasFailure()) return;
        db = make_engine();
        if (is_postgresql()) {
            db.transaction([](connection& conn) {
                conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE");
                conn.exec_driver_sql("CREATE SCHEMA public");
            });
        }
    }

    retort::engine db;
};

}  // namespace retort::test
