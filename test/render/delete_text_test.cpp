// DELETE text: WHERE, all_rows(), returning().
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

constexpr auto one = delete_from(users).where(users.id == 7);
static_assert(sql_text<postgresql>(one) == R"(DELETE FROM "users" WHERE "users"."id" = $1)");
static_assert(sql_text<sqlite>(one) == R"(DELETE FROM "users" WHERE "users"."id" = ?)");

constexpr auto two_conditions = delete_from(posts).where(posts.user_id == 1).where(posts.title.like("draft%"));
static_assert(sql_text<postgresql>(two_conditions) ==
              R"(DELETE FROM "posts" WHERE "posts"."user_id" = $1 AND "posts"."title" LIKE $2)");
static_assert(sql_text<sqlite>(two_conditions) ==
              R"(DELETE FROM "posts" WHERE "posts"."user_id" = ? AND "posts"."title" LIKE ?)");

constexpr auto everything = delete_from(log_lines).all_rows();
static_assert(sql_text<postgresql>(everything) == R"(DELETE FROM "log_lines")");
static_assert(sql_text<sqlite>(everything) == R"(DELETE FROM "log_lines")");

constexpr auto deleted_with_returning = delete_from(users).where(users.age < 18 || users.age == null).returning(users.id, users.username);
static_assert(sql_text<postgresql>(deleted_with_returning) ==
              R"(DELETE FROM "users" WHERE "users"."age" < $1 OR "users"."age" IS NULL RETURNING "users"."id", "users"."username")");
static_assert(sql_text<sqlite>(deleted_with_returning) ==
              R"(DELETE FROM "users" WHERE "users"."age" < ? OR "users"."age" IS NULL RETURNING "users"."id", "users"."username")");

constexpr auto by_name = delete_from(tags).where(tags.name.in_(bindparam<"a", text>, bindparam<"b", text>)).returning(tags.uses);
static_assert(sql_text<postgresql>(by_name) == R"(DELETE FROM "tags" WHERE "tags"."name" IN ($1, $2) RETURNING "tags"."uses")");
static_assert(sql_text<sqlite>(by_name) == R"(DELETE FROM "tags" WHERE "tags"."name" IN (?, ?) RETURNING "tags"."uses")");

constexpr auto quoted_where = delete_from(quoted).where(quoted.order_ > 3);
static_assert(sql_text<postgresql>(quoted_where) == R"(DELETE FROM "odd ""table""" WHERE "odd ""table"""."order" > $1)");

TEST(delete_text, at_run_time_with_values_in_text_order) {
    expect_runtime_text(one);
    EXPECT_EQ(bound_values(one), strings{"7"});
    expect_runtime_text(two_conditions);
    EXPECT_EQ(bound_values(two_conditions), (strings{"1", "'draft%'"}));
    expect_runtime_text(everything);
    EXPECT_TRUE(bound_values(everything).empty());
    expect_runtime_text(deleted_with_returning);
    // named values bound in text order, whatever order they are given in
    EXPECT_EQ(bound_values(by_name, arg<"b"> = "y", arg<"a"> = "x"), (strings{"'x'", "'y'"}));
    expect_runtime_text(by_name, arg<"a"> = "x", arg<"b"> = "y");
    expect_runtime_text(quoted_where);
}

}  // namespace
