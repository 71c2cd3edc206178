// SELECT text per dialect, asserted at compile time; the same text at run time.
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

constexpr auto whole_table = select(users);
static_assert(sql_text<postgresql>(whole_table) ==
              R"(SELECT "users"."id", "users"."username", "users"."email", "users"."age" FROM "users")");
static_assert(sql_text<sqlite>(whole_table) ==
              R"(SELECT "users"."id", "users"."username", "users"."email", "users"."age" FROM "users")");

constexpr auto some_columns = select(posts.title, posts.user_id);
static_assert(sql_text<postgresql>(some_columns) == R"(SELECT "posts"."title", "posts"."user_id" FROM "posts")");
static_assert(sql_text<sqlite>(some_columns) == R"(SELECT "posts"."title", "posts"."user_id" FROM "posts")");

// A table and more columns of it: the table expands in place.
constexpr auto table_and_column = select(tags, tags.uses);
static_assert(sql_text<postgresql>(table_and_column) ==
              R"(SELECT "tags"."name", "tags"."uses", "tags"."uses" FROM "tags")");

constexpr auto labels =
    select(users.username.as<"name">(), (users.age + 1).label<"next_age">(), users.email);
static_assert(sql_text<postgresql>(labels) ==
              R"(SELECT "users"."username" AS "name", "users"."age" + $1 AS "next_age", "users"."email" FROM "users")");
static_assert(sql_text<sqlite>(labels) ==
              R"(SELECT "users"."username" AS "name", "users"."age" + ? AS "next_age", "users"."email" FROM "users")");

constexpr auto by_age = select(users.id).where(users.age > 25);
static_assert(sql_text<postgresql>(by_age) == R"(SELECT "users"."id" FROM "users" WHERE "users"."age" > $1)");
static_assert(sql_text<sqlite>(by_age) == R"(SELECT "users"."id" FROM "users" WHERE "users"."age" > ?)");

// where(a).where(b) is WHERE a AND b.
constexpr auto two_wheres = select(users.id).where(users.age >= 18).where(users.age < 65 || users.age == null);
static_assert(sql_text<postgresql>(two_wheres) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" >= $1 AND ("users"."age" < $2 OR "users"."age" IS NULL))");
static_assert(sql_text<sqlite>(two_wheres) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" >= ? AND ("users"."age" < ? OR "users"."age" IS NULL))");

constexpr auto ordered = select(users.id).order_by(users.username, users.age.desc(), users.email.asc(), desc(users.id));
static_assert(sql_text<postgresql>(ordered) ==
              R"(SELECT "users"."id" FROM "users" ORDER BY "users"."username" ASC, "users"."age" DESC, "users"."email" ASC, "users"."id" DESC)");
static_assert(sql_text<sqlite>(ordered) == sql_text<postgresql>(ordered));

constexpr auto nulls_placed =
    select(users.id).order_by(users.age.asc().nulls_first()).order_by(users.age.desc().nulls_last());
static_assert(sql_text<postgresql>(nulls_placed) ==
              R"(SELECT "users"."id" FROM "users" ORDER BY "users"."age" ASC NULLS FIRST, "users"."age" DESC NULLS LAST)");
static_assert(sql_text<sqlite>(nulls_placed) == sql_text<postgresql>(nulls_placed));

// A labeled expression is ordered by its name.
constexpr auto by_label = select(users.username, (users.age * 12).as<"months">()).order_by((users.age * 12).as<"months">().desc());
static_assert(sql_text<postgresql>(by_label) ==
              R"(SELECT "users"."username", "users"."age" * $1 AS "months" FROM "users" ORDER BY "months" DESC)");

constexpr auto page = select(users.id).order_by(users.id).limit(10).offset(20);
static_assert(sql_text<postgresql>(page) == R"(SELECT "users"."id" FROM "users" ORDER BY "users"."id" ASC LIMIT $1 OFFSET $2)");
static_assert(sql_text<sqlite>(page) == R"(SELECT "users"."id" FROM "users" ORDER BY "users"."id" ASC LIMIT ? OFFSET ?)");

constexpr auto first_ten = select(users.id).limit(10);
static_assert(sql_text<postgresql>(first_ten) == R"(SELECT "users"."id" FROM "users" LIMIT $1)");
static_assert(sql_text<sqlite>(first_ten) == R"(SELECT "users"."id" FROM "users" LIMIT ?)");

// SQLite has no OFFSET without LIMIT: LIMIT -1 means no limit.
constexpr auto skip_five = select(users.id).offset(5);
static_assert(sql_text<postgresql>(skip_five) == R"(SELECT "users"."id" FROM "users" OFFSET $1)");
static_assert(sql_text<sqlite>(skip_five) == R"(SELECT "users"."id" FROM "users" LIMIT -1 OFFSET ?)");

constexpr auto distinct_ages = select(users.age).distinct().where(users.age != null);
static_assert(sql_text<postgresql>(distinct_ages) ==
              R"(SELECT DISTINCT "users"."age" FROM "users" WHERE "users"."age" IS NOT NULL)");
static_assert(sql_text<sqlite>(distinct_ages) == sql_text<postgresql>(distinct_ages));

constexpr auto named_parameters =
    select(users.username).where(users.age > bindparam<"min_age", integer> && users.email.like(bindparam<"domain", text>));
static_assert(sql_text<postgresql>(named_parameters) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."age" > $1 AND "users"."email" LIKE $2)");
static_assert(sql_text<sqlite>(named_parameters) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."age" > ? AND "users"."email" LIKE ?)");

// PostgreSQL's CURRENT_TIMESTAMP is a timestamptz: it is converted to a UTC TIMESTAMP.
constexpr auto past = select(type_values.id).where(type_values.stamp < current_timestamp);
static_assert(sql_text<postgresql>(past) ==
              R"(SELECT "type_values"."id" FROM "type_values" WHERE "type_values"."stamp" < (CURRENT_TIMESTAMP AT TIME ZONE 'UTC'))");
static_assert(sql_text<sqlite>(past) ==
              R"(SELECT "type_values"."id" FROM "type_values" WHERE "type_values"."stamp" < CURRENT_TIMESTAMP)");

// Identifiers are always quoted; a quote inside one is doubled.
constexpr auto odd_names = select(quoted).where(quoted.said == "hi").order_by(quoted.order_);
static_assert(sql_text<postgresql>(odd_names) ==
              R"(SELECT "odd ""table"""."id", "odd ""table"""."say ""hi""", "odd ""table"""."order" FROM "odd ""table""" WHERE "odd ""table"""."say ""hi""" = $1 ORDER BY "odd ""table"""."order" ASC)");
static_assert(sql_text<sqlite>(odd_names) ==
              R"(SELECT "odd ""table"""."id", "odd ""table"""."say ""hi""", "odd ""table"""."order" FROM "odd ""table""" WHERE "odd ""table"""."say ""hi""" = ? ORDER BY "odd ""table"""."order" ASC)");

// Placeholders count past one digit.
constexpr auto twelve = select(users.id).where(users.id.in_(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) && users.age == 12);
static_assert(sql_text<postgresql>(twelve) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."id" IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AND "users"."age" = $12)");
static_assert(sql_text<sqlite>(twelve) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."id" IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND "users"."age" = ?)");
static_assert(statement_text<postgresql, std::remove_cvref_t<decltype(twelve)>>::parameter_count == 12);

// The text belongs to the statement's type: other values, same text.
static_assert(sql_text<postgresql>(select(users.id).where(users.age > 99)) == sql_text<postgresql>(by_age));

TEST(select_text, whole_table_columns_and_labels_at_run_time) {
    expect_runtime_text(whole_table);
    expect_runtime_text(some_columns);
    expect_runtime_text(table_and_column);
    expect_runtime_text(labels);
    EXPECT_EQ(bound_values(labels), strings{"1"});
}

TEST(select_text, where_clauses_at_run_time) {
    expect_runtime_text(by_age);
    EXPECT_EQ(bound_values(by_age), strings{"25"});
    expect_runtime_text(two_wheres);
    EXPECT_EQ(bound_values(two_wheres), (strings{"18", "65"}));
}

TEST(select_text, order_limit_offset_distinct_at_run_time) {
    expect_runtime_text(ordered);
    expect_runtime_text(nulls_placed);
    expect_runtime_text(by_label);
    // the ORDER BY label binds nothing: its value is the select list's
    EXPECT_EQ(bound_values(by_label), strings{"12"});
    expect_runtime_text(page);
    EXPECT_EQ(bound_values(page), (strings{"10", "20"}));
    expect_runtime_text(first_ten);
    expect_runtime_text(skip_five);
    EXPECT_EQ(bound_values(skip_five), strings{"5"});
    expect_runtime_text(distinct_ages);
}

TEST(select_text, bindparams_take_their_values_from_execute) {
    expect_runtime_text(named_parameters, arg<"domain"> = "%@example.com", arg<"min_age"> = 30);
    // bound in text order, whatever the order of the arguments
    EXPECT_EQ(bound_values(named_parameters, arg<"domain"> = "%@example.com", arg<"min_age"> = 30),
              (strings{"30", "'%@example.com'"}));
}

TEST(select_text, current_timestamp_quoting_and_many_placeholders_at_run_time) {
    expect_runtime_text(past);
    EXPECT_TRUE(bound_values(past).empty());
    expect_runtime_text(odd_names);
    EXPECT_EQ(bound_values(odd_names), strings{"'hi'"});
    expect_runtime_text(twelve);
    EXPECT_EQ(bound_values(twelve), (strings{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}));
}

TEST(select_text, values_are_bound_never_spliced) {
    const std::string name = "O'Brien\"; DROP TABLE users; --";
    const auto statement = select(users.id).where(users.username == name);
    EXPECT_EQ(render_runtime<postgresql>(statement), R"(SELECT "users"."id" FROM "users" WHERE "users"."username" = $1)");
    EXPECT_EQ(sql_text<sqlite>(statement), R"(SELECT "users"."id" FROM "users" WHERE "users"."username" = ?)");
    EXPECT_EQ(bound_values(statement), strings{"'O''Brien\"; DROP TABLE users; --'"});
}

}  // namespace
