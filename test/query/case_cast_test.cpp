// CASE WHEN ... THEN ... [ELSE ...] END and CAST(x AS type): their text, the type and
// nullability of what they read as, and their values on both databases.
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

constexpr auto bracket = case_(when(users.age == null, "unknown"), when(users.age < 18, "minor"), when(users.age < 40, "adult"))
                             .else_("senior");
constexpr auto brackets = select(users.username, bracket.as<"bracket">()).order_by(users.username);
static_assert(sql_text<postgresql>(brackets) ==
              R"(SELECT "users"."username", CASE WHEN "users"."age" IS NULL THEN $1 WHEN "users"."age" < $2 THEN $3 WHEN "users"."age" < $4 THEN $5 ELSE $6 END AS "bracket" FROM "users" ORDER BY "users"."username" ASC)");
static_assert(sql_text<sqlite>(brackets) ==
              R"(SELECT "users"."username", CASE WHEN "users"."age" IS NULL THEN ? WHEN "users"."age" < ? THEN ? WHEN "users"."age" < ? THEN ? ELSE ? END AS "bracket" FROM "users" ORDER BY "users"."username" ASC)");
// with ELSE and values that are never NULL, the CASE is never NULL
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(brackets)::row_type{}.get<"bracket">())>, std::string>);

// Without ELSE an unmatched row gives NULL; branches may be columns.
constexpr auto title_or_name = select(case_(when(posts.title.like("d%"), posts.title), when(users.age < 26, users.username)).as<"pick">())
                                   .select_from(posts.join(users))
                                   .order_by(posts.id);
static_assert(sql_text<postgresql>(title_or_name) ==
              R"(SELECT CASE WHEN "posts"."title" LIKE $1 THEN "posts"."title" WHEN "users"."age" < $2 THEN "users"."username" END AS "pick" FROM "posts" JOIN "users" ON "users"."id" = "posts"."user_id" ORDER BY "posts"."id" ASC)");
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(title_or_name)::row_type{}.get<"pick">())>, std::optional<std::string>>);

// CASE in WHERE and ORDER BY, and inside an aggregate (a conditional count).
constexpr auto seniors_first = select(users.username)
                                   .where(case_(when(users.age > 35, true)).else_(users.username == "bob"))
                                   .order_by(case_(when(users.age > 35, 0)).else_(1), users.username);
static_assert(sql_text<postgresql>(seniors_first) ==
              R"(SELECT "users"."username" FROM "users" WHERE CASE WHEN "users"."age" > $1 THEN CAST($2 AS BOOLEAN) ELSE "users"."username" = $3 END ORDER BY CASE WHEN "users"."age" > $4 THEN CAST($5 AS BIGINT) ELSE $6 END ASC, "users"."username" ASC)");
constexpr auto counted_d_posts = select(sum(case_(when(posts.title.like("d%"), 1)).else_(0)).as<"d_posts">(), count().as<"all_posts">());
static_assert(sql_text<sqlite>(counted_d_posts) ==
              R"(SELECT sum(CASE WHEN "posts"."title" LIKE ? THEN ? ELSE ? END) AS "d_posts", count(*) AS "all_posts" FROM "posts")");
// PostgreSQL is told the type of a bare value in a CASE (it would guess text).
static_assert(sql_text<postgresql>(counted_d_posts) ==
              R"(SELECT sum(CASE WHEN "posts"."title" LIKE $1 THEN CAST($2 AS BIGINT) ELSE $3 END) AS "d_posts", count(*) AS "all_posts" FROM "posts")");

// The same with the branch values cast: their type is then written in the text.
constexpr auto counted_d_posts_typed =
    select(sum(case_(when(posts.title.like("d%"), cast<integer>(1))).else_(cast<integer>(0))).as<"d_posts">());
static_assert(sql_text<postgresql>(counted_d_posts_typed) ==
              R"(SELECT sum(CASE WHEN "posts"."title" LIKE $1 THEN CAST($2 AS INTEGER) ELSE CAST($3 AS INTEGER) END) AS "d_posts" FROM "posts")");

constexpr auto casts = select(cast<text>(users.age).as<"age_text">(), cast<double_precision>(users.id).as<"id_real">(),
                              cast<varchar<3>>(users.username).as<"short">())
                           .where(cast<integer>("41") == users.age);
static_assert(sql_text<postgresql>(casts) ==
              R"(SELECT CAST("users"."age" AS TEXT) AS "age_text", CAST("users"."id" AS DOUBLE PRECISION) AS "id_real", CAST("users"."username" AS VARCHAR(3)) AS "short" FROM "users" WHERE CAST($1 AS INTEGER) = "users"."age")");
static_assert(sql_text<sqlite>(casts) ==
              R"(SELECT CAST("users"."age" AS TEXT) AS "age_text", CAST("users"."id" AS DOUBLE PRECISION) AS "id_real", CAST("users"."username" AS VARCHAR(3)) AS "short" FROM "users" WHERE CAST(? AS INTEGER) = "users"."age")");
using casts_row = decltype(casts)::row_type;
static_assert(std::is_same_v<std::remove_cvref_t<decltype(casts_row{}.get<"age_text">())>, std::optional<std::string>>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(casts_row{}.get<"id_real">())>, double>);

// A cast makes arithmetic fractional: integer / 2 truncates, double / 2 does not.
constexpr auto halves = select((users.age / 2).as<"int_half">(), (cast<double_precision>(users.age) / 2).as<"real_half">())
                            .where(users.username == "bob");
static_assert(sql_text<postgresql>(halves) ==
              R"(SELECT "users"."age" / $1 AS "int_half", CAST("users"."age" AS DOUBLE PRECISION) / $2 AS "real_half" FROM "users" WHERE "users"."username" = $3)");

class case_cast_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(case_cast_test);

TEST_P(case_cast_test, case_with_else) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& row : conn.execute(brackets)) got.emplace_back(row.username, row.get<"bracket">());
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                       {"alice", "adult"}, {"bob", "adult"}, {"carol", "unknown"}, {"dave", "senior"}}));
}

TEST_P(case_cast_test, case_without_else_is_null_when_nothing_matches) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::optional<std::string>> got;
    for (const auto& row : conn.execute(title_or_name)) got.push_back(row.get<"pick">());
    const std::vector<std::optional<std::string>> expected = {
        std::nullopt, std::nullopt, std::nullopt, "bob", "d1", "d2", "d3", "d4", "d5", "d6"};
    EXPECT_EQ(got, expected);
}

TEST_P(case_cast_test, case_in_where_and_order_by) {
    seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(seniors_first).scalars(), (std::vector<std::string>{"dave", "bob"}));
}

// The CASE is a bigint (its THEN values are integers): PostgreSQL, which would take bare
// parameters there for text (and find no sum(text)), must be told. Its sum is a NUMERIC
// there, a decimal here.
TEST_P(case_cast_test, aggregate_over_a_case_of_values) {
    seed_blog();
    auto conn = db.connect();
    const auto row = conn.execute(counted_d_posts).one();
    ASSERT_TRUE(row.get<"d_posts">().has_value());
    EXPECT_EQ(row.get<"d_posts">()->str(), "6");
    EXPECT_EQ(row.get<"all_posts">(), 10);
}

TEST_P(case_cast_test, aggregate_over_a_case_of_cast_values) {
    seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(counted_d_posts_typed).one().get<"d_posts">(), 6);
}

TEST_P(case_cast_test, casts) {
    seed_blog();
    auto conn = db.connect();
    const auto row = conn.execute(casts).one();
    EXPECT_EQ(row.get<"age_text">(), "41");
    EXPECT_DOUBLE_EQ(row.get<"id_real">(), 4.0);
    // SQLite keeps the whole text (its VARCHAR has no length); PostgreSQL truncates.
    EXPECT_EQ(row.get<"short">(), is_postgresql() ? "dav" : "dave");

    const auto [int_half, real_half] = conn.execute(halves).one();
    EXPECT_EQ(int_half, 12);
    ASSERT_TRUE(real_half.has_value());
    EXPECT_DOUBLE_EQ(*real_half, 12.5);
}

}  // namespace
