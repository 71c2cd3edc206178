// UPDATE text: SET, WHERE, all_rows(), returning().
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

constexpr auto birthday = update(users).set(users.age = users.age + 1).where(users.username == "john_doe");
static_assert(sql_text<postgresql>(birthday) ==
              R"(UPDATE "users" SET "age" = "users"."age" + $1 WHERE "users"."username" = $2)");
static_assert(sql_text<sqlite>(birthday) == R"(UPDATE "users" SET "age" = "users"."age" + ? WHERE "users"."username" = ?)");

// set() twice adds assignments; where() twice is AND.
constexpr auto chained = update(users)
                             .set(users.email = "new@example.com")
                             .set(users.age = null)
                             .where(users.id > 10)
                             .where(users.id < 20);
static_assert(sql_text<postgresql>(chained) ==
              R"(UPDATE "users" SET "email" = $1, "age" = NULL WHERE "users"."id" > $2 AND "users"."id" < $3)");
static_assert(sql_text<sqlite>(chained) ==
              R"(UPDATE "users" SET "email" = ?, "age" = NULL WHERE "users"."id" > ? AND "users"."id" < ?)");

constexpr auto everyone = update(users).set(users.age = 0).all_rows();
static_assert(sql_text<postgresql>(everyone) == R"(UPDATE "users" SET "age" = $1)");
static_assert(sql_text<sqlite>(everyone) == R"(UPDATE "users" SET "age" = ?)");

constexpr auto with_returning =
    update(users).set(users.age = 31).where(users.id == 1).returning(users.id, users.age.as<"new_age">());
static_assert(sql_text<postgresql>(with_returning) ==
              R"(UPDATE "users" SET "age" = $1 WHERE "users"."id" = $2 RETURNING "users"."id", "users"."age" AS "new_age")");
static_assert(sql_text<sqlite>(with_returning) ==
              R"(UPDATE "users" SET "age" = ? WHERE "users"."id" = ? RETURNING "users"."id", "users"."age" AS "new_age")");

constexpr auto all_with_returning = update(tags).set(tags.uses = tags.uses * 2).all_rows().returning(tags);
static_assert(sql_text<postgresql>(all_with_returning) ==
              R"(UPDATE "tags" SET "uses" = "tags"."uses" * $1 RETURNING "tags"."name", "tags"."uses")");

constexpr auto touched = update(type_values).set(type_values.stamp = current_timestamp).where(type_values.id == bindparam<"id", integer>);
static_assert(sql_text<postgresql>(touched) ==
              R"(UPDATE "type_values" SET "stamp" = (CURRENT_TIMESTAMP AT TIME ZONE 'UTC') WHERE "type_values"."id" = $1)");
static_assert(sql_text<sqlite>(touched) ==
              R"(UPDATE "type_values" SET "stamp" = CURRENT_TIMESTAMP WHERE "type_values"."id" = ?)");

constexpr auto quoted_set = update(quoted).set(quoted.said = "bye", quoted.order_ = quoted.order_ - 1).where(quoted.id == 3);
static_assert(sql_text<postgresql>(quoted_set) ==
              R"(UPDATE "odd ""table""" SET "say ""hi""" = $1, "order" = "odd ""table"""."order" - $2 WHERE "odd ""table"""."id" = $3)");
static_assert(sql_text<sqlite>(quoted_set) ==
              R"(UPDATE "odd ""table""" SET "say ""hi""" = ?, "order" = "odd ""table"""."order" - ? WHERE "odd ""table"""."id" = ?)");

TEST(update_text, at_run_time_with_values_in_text_order) {
    expect_runtime_text(birthday);
    EXPECT_EQ(bound_values(birthday), (strings{"1", "'john_doe'"}));
    expect_runtime_text(chained);
    EXPECT_EQ(bound_values(chained), (strings{"'new@example.com'", "10", "20"}));
    expect_runtime_text(everyone);
    expect_runtime_text(with_returning);
    EXPECT_EQ(bound_values(with_returning), (strings{"31", "1"}));
    expect_runtime_text(all_with_returning);
    expect_runtime_text(touched, arg<"id"> = 4);
    EXPECT_EQ(bound_values(touched, arg<"id"> = 4), strings{"4"});
    expect_runtime_text(quoted_set);
    EXPECT_EQ(bound_values(quoted_set), (strings{"'bye'", "1", "3"}));
}

}  // namespace
