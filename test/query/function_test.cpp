// SQL functions (lower, upper, length, abs, round, coalesce, concat, any named function),
// labels read back with row.get<"name">(), and CURRENT_TIMESTAMP in UTC.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

constexpr auto text_functions =
    select(lower(users.username).as<"lower">(), upper(users.email).as<"upper">(), length(users.username).as<"length">(),
           concat(users.username, " <", users.email, ">").as<"display">())
        .where(users.username == "Ann O'Neil");
static_assert(sql_text<postgresql>(text_functions) ==
              R"(SELECT lower("users"."username") AS "lower", upper("users"."email") AS "upper", length("users"."username") AS "length", "users"."username" || $1 || "users"."email" || $2 AS "display" FROM "users" WHERE "users"."username" = $3)");
static_assert(sql_text<sqlite>(text_functions) ==
              R"(SELECT lower("users"."username") AS "lower", upper("users"."email") AS "upper", length("users"."username") AS "length", "users"."username" || ? || "users"."email" || ? AS "display" FROM "users" WHERE "users"."username" = ?)");
using text_row = decltype(text_functions)::row_type;
static_assert(std::is_same_v<std::remove_cvref_t<decltype(text_row{}.get<"lower">())>, std::string>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(text_row{}.get<"length">())>, std::int32_t>);

// NULL in, NULL out: abs of a nullable column is optional; coalesce with a value is not.
constexpr auto number_functions = select(users.username, abs(users.age - 40).as<"distance">(),
                                         coalesce(users.age, -1).as<"age_or_minus_one">(),
                                         concat(users.username, cast<text>(users.age)).as<"tag">())
                                      .order_by(users.username);
static_assert(sql_text<postgresql>(number_functions) ==
              R"(SELECT "users"."username", abs("users"."age" - $1) AS "distance", coalesce("users"."age", $2) AS "age_or_minus_one", "users"."username" || CAST("users"."age" AS TEXT) AS "tag" FROM "users" ORDER BY "users"."username" ASC)");
static_assert(sql_text<sqlite>(number_functions) ==
              R"(SELECT "users"."username", abs("users"."age" - ?) AS "distance", coalesce("users"."age", ?) AS "age_or_minus_one", "users"."username" || CAST("users"."age" AS TEXT) AS "tag" FROM "users" ORDER BY "users"."username" ASC)");
using number_row = decltype(number_functions)::row_type;
static_assert(std::is_same_v<std::remove_cvref_t<decltype(number_row{}.get<"distance">())>, std::optional<std::int32_t>>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(number_row{}.get<"age_or_minus_one">())>, std::int32_t>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(number_row{}.get<"tag">())>, std::optional<std::string>>);

// coalesce over several nullable arguments is NULL only when all are.
constexpr auto first_known = select(coalesce(users.age, max(posts.id)).as<"x">()).select_from(users.join(posts)).group_by(users.id);
static_assert(sql_text<postgresql>(first_known) ==
              R"(SELECT coalesce("users"."age", max("posts"."id")) AS "x" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" GROUP BY "users"."id")");
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(first_known)::row_type{}.get<"x">())>, std::optional<std::int32_t>>);

// round(x, n): PostgreSQL rounds to digits only NUMERIC, so other numbers are cast there.
constexpr auto rounded = select(round(avg(employees.salary), 1).as<"mean">(), round(avg(employees.salary)).as<"whole">());
static_assert(sql_text<postgresql>(rounded) ==
              R"(SELECT CAST(round(CAST(avg("employees"."salary") AS NUMERIC), $1) AS DOUBLE PRECISION) AS "mean", round(avg("employees"."salary")) AS "whole" FROM "employees")");
static_assert(sql_text<sqlite>(rounded) ==
              R"(SELECT round(avg("employees"."salary"), ?) AS "mean", round(avg("employees"."salary")) AS "whole" FROM "employees")");

// Any function by name, with the SQL type it returns (read as optional: it may be NULL).
constexpr auto replaced = select(func<"replace", text>(users.username, "a", "@").as<"masked">()).order_by(users.id);
static_assert(sql_text<postgresql>(replaced) ==
              R"(SELECT replace("users"."username", $1, $2) AS "masked" FROM "users" ORDER BY "users"."id" ASC)");
static_assert(sql_text<sqlite>(replaced) ==
              R"(SELECT replace("users"."username", ?, ?) AS "masked" FROM "users" ORDER BY "users"."id" ASC)");
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(replaced)::row_type{}.get<"masked">())>, std::optional<std::string>>);

// A function of no arguments (it compiled with a warning: -Werror failed it).
constexpr auto no_arguments = select(func<"random", double_precision>().as<"r">());
static_assert(sql_text<postgresql>(no_arguments) == R"(SELECT random() AS "r")");
static_assert(sql_text<sqlite>(no_arguments) == R"(SELECT random() AS "r")");

// Functions in WHERE and ORDER BY.
constexpr auto by_length = select(users.username).where(length(users.username) <= 3).order_by(length(users.username).desc(), users.username);
static_assert(sql_text<postgresql>(by_length) ==
              R"(SELECT "users"."username" FROM "users" WHERE length("users"."username") <= $1 ORDER BY length("users"."username") DESC, "users"."username" ASC)");

// CURRENT_TIMESTAMP is UTC on both dialects.
constexpr auto now = select(current_timestamp.as<"now">());
static_assert(sql_text<postgresql>(now) == R"(SELECT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC') AS "now")");
static_assert(sql_text<sqlite>(now) == R"(SELECT CURRENT_TIMESTAMP AS "now")");

class function_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(function_test);

TEST_P(function_test, text_functions_and_concat) {
    auto conn = db.connect();
    conn.execute(insert(users).values(users.username = "Ann O'Neil", users.email = "Ann@Example.com"));
    const auto row = conn.execute(text_functions).one();
    EXPECT_EQ(row.get<"lower">(), "ann o'neil");
    EXPECT_EQ(row.get<"upper">(), "ANN@EXAMPLE.COM");
    EXPECT_EQ(row.get<"length">(), 10);
    EXPECT_EQ(row.get<"display">(), "Ann O'Neil <Ann@Example.com>");
}

TEST_P(function_test, null_in_null_out_and_coalesce) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::string> got;
    for (const auto& row : conn.execute(number_functions)) {
        const auto& distance = row.get<"distance">();
        const auto& tag = row.get<"tag">();
        got.push_back(row.username + " " + (distance ? std::to_string(*distance) : "NULL") + " " +
                      std::to_string(row.get<"age_or_minus_one">()) + " " + tag.value_or("NULL"));
    }
    EXPECT_EQ(got, (std::vector<std::string>{"alice 10 30 alice30", "bob 15 25 bob25", "carol NULL -1 NULL",
                                             "dave 1 41 dave41"}));

    std::vector<std::optional<int>> firsts;
    for (const auto& row : conn.execute(first_known.order_by(users.id))) firsts.push_back(row.get<"x">());
    EXPECT_EQ(firsts, (std::vector<std::optional<int>>{30, 25, 41}));  // carol has no posts: not joined
}

TEST_P(function_test, round_to_digits_and_to_whole_numbers) {
    seed_org_chart();  // salaries 300, 200, 150, 100, 90, 250: mean 181.666...
    auto conn = db.connect();
    const auto row = conn.execute(rounded).one();
    ASSERT_TRUE(row.get<"mean">().has_value());
    EXPECT_DOUBLE_EQ(*row.get<"mean">(), 181.7);
    ASSERT_TRUE(row.get<"whole">().has_value());
    EXPECT_DOUBLE_EQ(*row.get<"whole">(), 182.0);
}

TEST_P(function_test, any_function_by_name) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::string> got;
    for (const auto& row : conn.execute(replaced)) got.push_back(row.get<"masked">().value_or("NULL"));
    EXPECT_EQ(got, (std::vector<std::string>{"@lice", "bob", "c@rol", "d@ve"}));
}

TEST_P(function_test, functions_in_where_and_order_by) {
    seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(by_length).scalars(), (std::vector<std::string>{"bob"}));
    EXPECT_EQ(conn.execute(select(users.username).where(length(users.username) <= 4).order_by(length(users.username).desc(), users.username)).scalars(),
              (std::vector<std::string>{"dave", "bob"}));
}

TEST_P(function_test, current_timestamp_is_utc_now) {
    auto conn = db.connect();
    const auto before = std::chrono::system_clock::now() - std::chrono::seconds(2);
    const auto stamp = conn.execute(now).scalar_one();
    const auto after = std::chrono::system_clock::now() + std::chrono::seconds(2);
    EXPECT_GE(stamp, before);
    EXPECT_LE(stamp, after);
}

}  // namespace
