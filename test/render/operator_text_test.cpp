// The text of every operator, with parentheses exactly where precedence needs them.
#include <optional>
#include <type_traits>
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

// = != < <= > >=, a value on either side, column against column
constexpr auto comparisons = select(users.id).where(users.age == 1 && users.age != 2 && users.age < 3 &&
                                                    users.age <= 4 && users.age > 5 && users.age >= 6);
static_assert(sql_text<postgresql>(comparisons) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" = $1 AND "users"."age" != $2 AND "users"."age" < $3 AND "users"."age" <= $4 AND "users"."age" > $5 AND "users"."age" >= $6)");
static_assert(sql_text<sqlite>(comparisons) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" = ? AND "users"."age" != ? AND "users"."age" < ? AND "users"."age" <= ? AND "users"."age" > ? AND "users"."age" >= ?)");

constexpr auto value_first = select(users.id).where(18 <= users.age && users.age < users.id);
static_assert(sql_text<postgresql>(value_first) ==
              R"(SELECT "users"."id" FROM "users" WHERE $1 <= "users"."age" AND "users"."age" < "users"."id")");
static_assert(sql_text<sqlite>(value_first) ==
              R"(SELECT "users"."id" FROM "users" WHERE ? <= "users"."age" AND "users"."age" < "users"."id")");

// Comparisons do not chain in PostgreSQL: a comparison of comparisons keeps both parentheses.
constexpr auto conditions_compared = select(users.id).where((users.age > 20) == (users.id < 3) || (users.age > 20) == true);
static_assert(sql_text<postgresql>(conditions_compared) ==
              R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" > $1) = ("users"."id" < $2) OR ("users"."age" > $3) = $4)");
static_assert(sql_text<sqlite>(conditions_compared) ==
              R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" > ?) = ("users"."id" < ?) OR ("users"."age" > ?) = ?)");

// A fraction next to an integer column keeps its type; PostgreSQL, which would infer
// integer for the parameter, is told so.
constexpr auto fractions = select((users.age * 1.5).as<"scaled">()).where(users.age > 29.5);
static_assert(sql_text<postgresql>(fractions) ==
              R"(SELECT "users"."age" * CAST($1 AS DOUBLE PRECISION) AS "scaled" FROM "users" WHERE "users"."age" > CAST($2 AS DOUBLE PRECISION))");
static_assert(sql_text<sqlite>(fractions) ==
              R"(SELECT "users"."age" * ? AS "scaled" FROM "users" WHERE "users"."age" > ?)");
static_assert(std::is_same_v<decltype(users.age * 1.5)::sql_type, double_precision>);

// + - * / % and unary minus
constexpr auto arithmetic = select((users.age + 1).as<"plus">(), (users.age - 2).as<"minus">(),
                                   (users.age * 3).as<"times">(), (users.age / 4).as<"divided">(),
                                   (users.age % 5).as<"remainder">(), (-users.age).as<"negated">());
static_assert(sql_text<postgresql>(arithmetic) ==
              R"(SELECT "users"."age" + $1 AS "plus", "users"."age" - $2 AS "minus", "users"."age" * $3 AS "times", "users"."age" / $4 AS "divided", "users"."age" % $5 AS "remainder", -"users"."age" AS "negated" FROM "users")");
static_assert(sql_text<sqlite>(arithmetic) ==
              R"(SELECT "users"."age" + ? AS "plus", "users"."age" - ? AS "minus", "users"."age" * ? AS "times", "users"."age" / ? AS "divided", "users"."age" % ? AS "remainder", -"users"."age" AS "negated" FROM "users")");

// Parentheses only where the tree differs from SQL's precedence and left-to-right reading.
constexpr auto arithmetic_precedence =
    select(users.id).where((users.age + 1) * 2 == users.age + users.id * 3 &&
                           users.age - (users.id - 4) == users.age - users.id - 5 &&
                           users.age / (users.id * 6) == -(users.age + 7) && -(-users.age) == users.age - -users.id);
static_assert(sql_text<postgresql>(arithmetic_precedence) ==
              R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" + $1) * $2 = "users"."age" + "users"."id" * $3 AND "users"."age" - ("users"."id" - $4) = "users"."age" - "users"."id" - $5 AND "users"."age" / ("users"."id" * $6) = -("users"."age" + $7) AND -(-"users"."age") = "users"."age" - -"users"."id")");
static_assert(sql_text<sqlite>(arithmetic_precedence) ==
              R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" + ?) * ? = "users"."age" + "users"."id" * ? AND "users"."age" - ("users"."id" - ?) = "users"."age" - "users"."id" - ? AND "users"."age" / ("users"."id" * ?) = -("users"."age" + ?) AND -(-"users"."age") = "users"."age" - -"users"."id")");

// && || ! and SQLAlchemy's and_(), or_(), not_()
constexpr auto operators_logical = select(users.id).where((users.age > 1 || users.age < 2) && !(users.id == 3));
static_assert(sql_text<postgresql>(operators_logical) ==
              R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" > $1 OR "users"."age" < $2) AND NOT "users"."id" = $3)");
static_assert(sql_text<sqlite>(operators_logical) ==
              R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" > ? OR "users"."age" < ?) AND NOT "users"."id" = ?)");

constexpr auto functions_logical =
    select(users.id).where(or_(and_(users.age > 1, users.age < 2, users.id != 3), not_(users.email == "x")));
static_assert(sql_text<postgresql>(functions_logical) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" > $1 AND "users"."age" < $2 AND "users"."id" != $3 OR NOT "users"."email" = $4)");
static_assert(sql_text<sqlite>(functions_logical) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" > ? AND "users"."age" < ? AND "users"."id" != ? OR NOT "users"."email" = ?)");

constexpr auto logical_precedence =
    select(users.id).where(users.id == 1 || (users.id == 2 && users.id == 3));
static_assert(sql_text<postgresql>(logical_precedence) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."id" = $1 OR "users"."id" = $2 AND "users"."id" = $3)");

constexpr auto not_of_and = select(users.id).where(!(users.id == 1 && users.age == 2) && (users.id == 3 || users.id == 4));
static_assert(sql_text<postgresql>(not_of_and) ==
              R"(SELECT "users"."id" FROM "users" WHERE NOT ("users"."id" = $1 AND "users"."age" = $2) AND ("users"."id" = $3 OR "users"."id" = $4))");
static_assert(sql_text<sqlite>(not_of_and) ==
              R"(SELECT "users"."id" FROM "users" WHERE NOT ("users"."id" = ? AND "users"."age" = ?) AND ("users"."id" = ? OR "users"."id" = ?))");

// A boolean column is a condition by itself.
constexpr auto boolean_column = select(type_values.id).where(type_values.flag || !type_values.flag || type_values.flag == true);
static_assert(sql_text<postgresql>(boolean_column) ==
              R"(SELECT "type_values"."id" FROM "type_values" WHERE "type_values"."flag" OR NOT "type_values"."flag" OR "type_values"."flag" = $1)");
static_assert(sql_text<sqlite>(boolean_column) ==
              R"(SELECT "type_values"."id" FROM "type_values" WHERE "type_values"."flag" OR NOT "type_values"."flag" OR "type_values"."flag" = ?)");

// is_null(), is_not_null(), and == / != null (or std::nullopt) become IS [NOT] NULL.
constexpr auto null_tests = select(users.id).where(users.age.is_null() || users.age.is_not_null() || users.age == null ||
                                                   users.age != null || null == users.age ||
                                                   users.age == std::nullopt);
static_assert(sql_text<postgresql>(null_tests) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" IS NULL OR "users"."age" IS NOT NULL OR "users"."age" IS NULL OR "users"."age" IS NOT NULL OR "users"."age" IS NULL OR "users"."age" IS NULL)");
static_assert(sql_text<sqlite>(null_tests) == sql_text<postgresql>(null_tests));

constexpr auto null_test_of_expression = select(users.id).where((users.age + 1).is_null() && not_(users.age.is_null()));
static_assert(sql_text<postgresql>(null_test_of_expression) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" + $1 IS NULL AND NOT "users"."age" IS NULL)");

constexpr auto in_lists = select(users.id).where(users.age.in_(1, 2, 3) && users.username.not_in("root") &&
                                                 (users.age + 1).in_(users.id, 5));
static_assert(sql_text<postgresql>(in_lists) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" IN ($1, $2, $3) AND "users"."username" NOT IN ($4) AND "users"."age" + $5 IN ("users"."id", $6))");
static_assert(sql_text<sqlite>(in_lists) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" IN (?, ?, ?) AND "users"."username" NOT IN (?) AND "users"."age" + ? IN ("users"."id", ?))");

constexpr auto betweens = select(users.id).where(users.age.between(18, 65) && !(users.id * 2).between(users.age, 100));
static_assert(sql_text<postgresql>(betweens) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" BETWEEN $1 AND $2 AND NOT "users"."id" * $3 BETWEEN "users"."age" AND $4)");
static_assert(sql_text<sqlite>(betweens) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" BETWEEN ? AND ? AND NOT "users"."id" * ? BETWEEN "users"."age" AND ?)");

constexpr auto likes = select(users.id).where(users.username.like("j%") && users.email.not_like("%@spam.example"));
static_assert(sql_text<postgresql>(likes) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."username" LIKE $1 AND "users"."email" NOT LIKE $2)");
static_assert(sql_text<sqlite>(likes) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."username" LIKE ? AND "users"."email" NOT LIKE ?)");

// SQLite has no ILIKE: lower(x) LIKE lower(y), as SQLAlchemy renders it.
constexpr auto ilikes = select(users.id).where(users.username.ilike("J%") || users.email.not_ilike("%@EXAMPLE.COM"));
static_assert(sql_text<postgresql>(ilikes) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."username" ILIKE $1 OR "users"."email" NOT ILIKE $2)");
static_assert(sql_text<sqlite>(ilikes) ==
              R"(SELECT "users"."id" FROM "users" WHERE lower("users"."username") LIKE lower(?) OR lower("users"."email") NOT LIKE lower(?))");

// A pattern may be a column or a bindparam.
constexpr auto like_column = select(users.id).where(users.email.like(users.username) || users.email.ilike(bindparam<"p", text>));
static_assert(sql_text<postgresql>(like_column) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."email" LIKE "users"."username" OR "users"."email" ILIKE $1)");
static_assert(sql_text<sqlite>(like_column) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."email" LIKE "users"."username" OR lower("users"."email") LIKE lower(?))");

TEST(operator_text, comparisons_at_run_time) {
    expect_runtime_text(comparisons);
    EXPECT_EQ(bound_values(comparisons), (strings{"1", "2", "3", "4", "5", "6"}));
    expect_runtime_text(value_first);
    EXPECT_EQ(bound_values(value_first), strings{"18"});
    expect_runtime_text(conditions_compared);
    EXPECT_EQ(bound_values(conditions_compared), (strings{"20", "3", "20", "true"}));
    expect_runtime_text(fractions);
    EXPECT_EQ(bound_values(fractions), (strings{"1.500000", "29.500000"}));
}

TEST(operator_text, arithmetic_at_run_time) {
    expect_runtime_text(arithmetic);
    EXPECT_EQ(bound_values(arithmetic), (strings{"1", "2", "3", "4", "5"}));
    expect_runtime_text(arithmetic_precedence);
    EXPECT_EQ(bound_values(arithmetic_precedence), (strings{"1", "2", "3", "4", "5", "6", "7"}));
}

TEST(operator_text, logical_operators_at_run_time) {
    expect_runtime_text(operators_logical);
    expect_runtime_text(functions_logical);
    EXPECT_EQ(bound_values(functions_logical), (strings{"1", "2", "3", "'x'"}));
    expect_runtime_text(logical_precedence);
    expect_runtime_text(not_of_and);
    expect_runtime_text(boolean_column);
    EXPECT_EQ(bound_values(boolean_column), strings{"true"});
}

TEST(operator_text, null_tests_at_run_time) {
    expect_runtime_text(null_tests);
    EXPECT_TRUE(bound_values(null_tests).empty());
    expect_runtime_text(null_test_of_expression);
}

TEST(operator_text, in_between_like_at_run_time) {
    expect_runtime_text(in_lists);
    EXPECT_EQ(bound_values(in_lists), (strings{"1", "2", "3", "'root'", "1", "5"}));
    expect_runtime_text(betweens);
    EXPECT_EQ(bound_values(betweens), (strings{"18", "65", "2", "100"}));
    expect_runtime_text(likes);
    EXPECT_EQ(bound_values(likes), (strings{"'j%'", "'%@spam.example'"}));
    expect_runtime_text(ilikes);
    expect_runtime_text(like_column, arg<"p"> = "%x%");
}

// Values held in variables: strings are copied into the statement, which may outlive them.
TEST(operator_text, run_time_values_are_kept_by_the_statement) {
    auto make = [] {
        std::string pattern = "temp%";
        std::optional<int> age = 40;
        return select(users.id).where(users.username.like(pattern) && users.age == age);
    };
    const auto statement = make();
    EXPECT_EQ(sql_text<postgresql>(statement),
              R"(SELECT "users"."id" FROM "users" WHERE "users"."username" LIKE $1 AND "users"."age" = $2)");
    EXPECT_EQ(bound_values(statement), (strings{"'temp%'", "40"}));
}

}  // namespace
