#pragma once
// A backend test (SQLite memory, SQLite file, PostgreSQL) with the query tables created
// and, on request, a small blog and an org chart in them. The PostgreSQL database is shared
// by the tests of one process, so its public schema is emptied first.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/bound_values.hpp>
#include <retort/retort.hpp>

#include "engine/backend_fixture.hpp"
#include "query/schema.hpp"

namespace retort::test {

// The values a statement binds, as text ('quoted' strings, NULL), in binding order.
template <class Statement>
std::vector<std::string> bound_values(const Statement& statement) {
    const std::tuple<> no_arguments;
    return retort::detail::bound_values_of(statement, no_arguments)();
}

// Ids of the rows seed_blog() inserted.
struct blog_ids {
    int alice = 0, bob = 0, carol = 0, dave = 0;
};

class query_test : public backend_test {
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
        query_schema::query_tables.create_all(db);
    }

    // Users alice (30), bob (25), carol (age unknown, no posts) and dave (41); alice has
    // posts a1..a3, bob b1, dave d1..d6. Committed.
    blog_ids seed_blog() {
        using namespace query_schema;
        blog_ids ids;
        auto conn = db.connect();
        auto add_user = [&](const char* name, std::optional<int> age) {
            return conn.execute(insert(users).values(users.username = std::string(name),
                                                     users.email = std::string(name) + "@example.com",
                                                     users.age = age))
                .inserted_primary_key();
        };
        ids.alice = add_user("alice", 30);
        ids.bob = add_user("bob", 25);
        ids.carol = add_user("carol", std::nullopt);
        ids.dave = add_user("dave", 41);
        auto add_post = [&](const std::string& title, int author) {
            conn.execute(insert(posts).values(posts.title = title, posts.content = "about " + title, posts.user_id = author));
        };
        for (const char* t : {"a1", "a2", "a3"}) add_post(t, ids.alice);
        add_post("b1", ids.bob);
        for (const char* t : {"d1", "d2", "d3", "d4", "d5", "d6"}) add_post(t, ids.dave);
        conn.commit();
        return ids;
    }

    // ann (1) leads ben (2) and cid (3); ben leads dan (4), dan leads eve (5); fay (6) leads
    // nobody and has no manager. Ids are given, so tests can name them.
    void seed_org_chart() {
        using namespace query_schema;
        auto conn = db.connect();
        auto add = [&](int id, const char* name, std::optional<int> manager, int salary) {
            conn.execute(insert(employees).values(employees.id = id, employees.name = std::string(name),
                                                  employees.manager_id = manager, employees.salary = salary));
        };
        add(1, "ann", std::nullopt, 300);
        add(2, "ben", 1, 200);
        add(3, "cid", 1, 150);
        add(4, "dan", 2, 100);
        add(5, "eve", 4, 90);
        add(6, "fay", std::nullopt, 250);
        conn.commit();
    }

    retort::engine db;
};

}  // namespace retort::test
