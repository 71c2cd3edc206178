// INSERT text: column lists, several rows, C++ defaults, the primary key PostgreSQL
// returns implicitly, returning().
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "render/schema.hpp"
#include "render/text_check.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::bound_values;
using retort::test::expect_runtime_text;
using strings = std::vector<std::string>;

// PostgreSQL returns the new key with RETURNING; SQLite reads last_insert_rowid().
constexpr auto one_user = insert(users).values(users.username = "john_doe", users.email = "john@example.com", users.age = 30);
static_assert(sql_text<postgresql>(one_user) ==
              R"(INSERT INTO "users" ("username", "email", "age") VALUES ($1, $2, $3) RETURNING "id")");
static_assert(sql_text<sqlite>(one_user) == R"(INSERT INTO "users" ("username", "email", "age") VALUES (?, ?, ?))");

// Several rows: no key to report, no RETURNING.
constexpr auto two_users = insert(users)
                               .values(users.username = "a", users.email = "a@example.com")
                               .values(users.username = "b", users.email = "b@example.com");
static_assert(sql_text<postgresql>(two_users) ==
              R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2), ($3, $4))");
static_assert(sql_text<sqlite>(two_users) == R"(INSERT INTO "users" ("username", "email") VALUES (?, ?), (?, ?))");

// NULL is written as such; an expression is rendered in place.
constexpr auto null_and_bindparam =
    insert(users).values(users.username = bindparam<"name", text>, users.email = "e@example.com", users.age = null);
static_assert(sql_text<postgresql>(null_and_bindparam) ==
              R"(INSERT INTO "users" ("username", "email", "age") VALUES ($1, $2, NULL) RETURNING "id")");
static_assert(sql_text<sqlite>(null_and_bindparam) ==
              R"(INSERT INTO "users" ("username", "email", "age") VALUES (?, ?, NULL))");

// Columns with default_(...) that the row leaves out are appended and bound at execution.
constexpr auto with_defaults = insert(events).values(events.message = "started");
static_assert(sql_text<postgresql>(with_defaults) ==
              R"(INSERT INTO "events" ("message", "kind", "sequence") VALUES ($1, $2, $3) RETURNING "id")");
static_assert(sql_text<sqlite>(with_defaults) ==
              R"(INSERT INTO "events" ("message", "kind", "sequence") VALUES (?, ?, ?))");

constexpr auto only_defaults = insert(events);
static_assert(sql_text<postgresql>(only_defaults) ==
              R"(INSERT INTO "events" ("kind", "sequence") VALUES ($1, $2) RETURNING "id")");
static_assert(sql_text<sqlite>(only_defaults) == R"(INSERT INTO "events" ("kind", "sequence") VALUES (?, ?))");

constexpr auto defaults_in_each_row = insert(events).values(events.message = "a").values(events.message = "b");
static_assert(sql_text<postgresql>(defaults_in_each_row) ==
              R"(INSERT INTO "events" ("message", "kind", "sequence") VALUES ($1, $2, $3), ($4, $5, $6))");

// A default given explicitly is not added again.
constexpr auto default_overridden = insert(events).values(events.kind = "warning", events.message = "disk");
static_assert(sql_text<postgresql>(default_overridden) ==
              R"(INSERT INTO "events" ("kind", "message", "sequence") VALUES ($1, $2, $3) RETURNING "id")");

// Nothing to assign at all.
constexpr auto all_database_defaults = insert(type_values);
static_assert(sql_text<postgresql>(all_database_defaults) == R"(INSERT INTO "type_values" DEFAULT VALUES RETURNING "id")");
static_assert(sql_text<sqlite>(all_database_defaults) == R"(INSERT INTO "type_values" DEFAULT VALUES)");

// A key that is not an integer rowid is returned on SQLite too.
constexpr auto text_key = insert(tags).values(tags.name = "cpp", tags.uses = 1);
static_assert(sql_text<postgresql>(text_key) == R"(INSERT INTO "tags" ("name", "uses") VALUES ($1, $2) RETURNING "name")");
static_assert(sql_text<sqlite>(text_key) == R"(INSERT INTO "tags" ("name", "uses") VALUES (?, ?) RETURNING "name")");

constexpr auto composite_key = insert(memberships).values(memberships.user_id = 1, memberships.group_name = "admins");
static_assert(sql_text<postgresql>(composite_key) ==
              R"(INSERT INTO "memberships" ("user_id", "group_name", "role") VALUES ($1, $2, $3) RETURNING "user_id", "group_name")");
static_assert(sql_text<sqlite>(composite_key) ==
              R"(INSERT INTO "memberships" ("user_id", "group_name", "role") VALUES (?, ?, ?) RETURNING "user_id", "group_name")");

// returning() replaces the implicit key.
constexpr auto returning_columns =
    insert(users).values(users.username = "r", users.email = "r@example.com").returning(users.id, users.username.as<"name">());
static_assert(sql_text<postgresql>(returning_columns) ==
              R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2) RETURNING "users"."id", "users"."username" AS "name")");
static_assert(sql_text<sqlite>(returning_columns) ==
              R"(INSERT INTO "users" ("username", "email") VALUES (?, ?) RETURNING "users"."id", "users"."username" AS "name")");

constexpr auto returning_table = insert(tags).values(tags.name = "sql", tags.uses = 2).returning(tags);
static_assert(sql_text<postgresql>(returning_table) ==
              R"(INSERT INTO "tags" ("name", "uses") VALUES ($1, $2) RETURNING "tags"."name", "tags"."uses")");
static_assert(sql_text<sqlite>(returning_table) ==
              R"(INSERT INTO "tags" ("name", "uses") VALUES (?, ?) RETURNING "tags"."name", "tags"."uses")");

constexpr auto database_clock = insert(type_values).values(type_values.stamp = current_timestamp, type_values.flag = true);
static_assert(sql_text<postgresql>(database_clock) ==
              R"(INSERT INTO "type_values" ("stamp", "flag") VALUES ((CURRENT_TIMESTAMP AT TIME ZONE 'UTC'), $1) RETURNING "id")");
static_assert(sql_text<sqlite>(database_clock) ==
              R"(INSERT INTO "type_values" ("stamp", "flag") VALUES (CURRENT_TIMESTAMP, ?))");

constexpr auto quoted_names = insert(quoted).values(quoted.said = "hi", quoted.order_ = 1);
static_assert(sql_text<postgresql>(quoted_names) ==
              R"(INSERT INTO "odd ""table""" ("say ""hi""", "order") VALUES ($1, $2) RETURNING "id")");
static_assert(sql_text<sqlite>(quoted_names) == R"(INSERT INTO "odd ""table""" ("say ""hi""", "order") VALUES (?, ?))");

TEST(insert_text, rows_at_run_time) {
    expect_runtime_text(one_user);
    EXPECT_EQ(bound_values(one_user), (strings{"'john_doe'", "'john@example.com'", "30"}));
    expect_runtime_text(two_users);
    EXPECT_EQ(bound_values(two_users), (strings{"'a'", "'a@example.com'", "'b'", "'b@example.com'"}));
    expect_runtime_text(null_and_bindparam, arg<"name"> = "n");
    EXPECT_EQ(bound_values(null_and_bindparam, arg<"name"> = "n"), (strings{"'n'", "'e@example.com'"}));
}

TEST(insert_text, defaults_are_bound_after_the_row) {
    expect_runtime_text(with_defaults);
    const int next = next_sequence_number() + 1;
    EXPECT_EQ(bound_values(with_defaults), (strings{"'started'", "'info'", std::to_string(next)}));
    // the callable runs again for each row, and for each execution
    EXPECT_EQ(bound_values(defaults_in_each_row),
              (strings{"'a'", "'info'", std::to_string(next + 1), "'b'", "'info'", std::to_string(next + 2)}));
    EXPECT_EQ(bound_values(only_defaults), (strings{"'info'", std::to_string(next + 3)}));
    expect_runtime_text(only_defaults);
    expect_runtime_text(defaults_in_each_row);
    expect_runtime_text(default_overridden);
    expect_runtime_text(all_database_defaults);
    EXPECT_TRUE(bound_values(all_database_defaults).empty());
}

TEST(insert_text, keys_and_returning_at_run_time) {
    expect_runtime_text(text_key);
    expect_runtime_text(composite_key);
    EXPECT_EQ(bound_values(composite_key), (strings{"1", "'admins'", "'member'"}));
    expect_runtime_text(returning_columns);
    expect_runtime_text(returning_table);
    expect_runtime_text(database_clock);
    EXPECT_EQ(bound_values(database_clock), strings{"true"});
    expect_runtime_text(quoted_names);
}

}  // namespace
