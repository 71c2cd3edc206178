// Aggregates (count, count(*), count_distinct, sum, avg, min, max) over empty and filled
// tables, GROUP BY with the primary-key functional dependency, and HAVING.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"
#include "render/schema.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

constexpr auto age_stats = select(count(), count(users.age), count_distinct(users.age), sum(users.age), avg(users.age),
                                  min(users.age), max(users.age))
                               .select_from(users);
static_assert(sql_text<postgresql>(age_stats) ==
              R"(SELECT count(*), count("users"."age"), count(DISTINCT "users"."age"), sum("users"."age"), avg("users"."age"), min("users"."age"), max("users"."age") FROM "users")");
static_assert(sql_text<sqlite>(age_stats) == sql_text<postgresql>(age_stats));
// count is never NULL; the others are NULL over no rows. SUM of integers is a bigint.
using age_stats_row = decltype(age_stats)::row_type;
static_assert(std::is_same_v<std::tuple_element_t<0, age_stats_row>, std::int64_t>);
static_assert(std::is_same_v<std::tuple_element_t<1, age_stats_row>, std::int64_t>);
static_assert(std::is_same_v<std::tuple_element_t<2, age_stats_row>, std::int64_t>);
static_assert(std::is_same_v<std::tuple_element_t<3, age_stats_row>, std::optional<std::int64_t>>);
static_assert(std::is_same_v<std::tuple_element_t<4, age_stats_row>, std::optional<double>>);
static_assert(std::is_same_v<std::tuple_element_t<5, age_stats_row>, std::optional<std::int32_t>>);
static_assert(std::is_same_v<std::tuple_element_t<6, age_stats_row>, std::optional<std::int32_t>>);

// Aggregates of NOT NULL columns are still NULL over no rows.
constexpr auto salary_stats = select(sum(employees.salary).as<"total">(), min(employees.salary).as<"lowest">(),
                                     max(employees.name).as<"last_name">())
                                  .where(employees.salary > 95);
static_assert(sql_text<postgresql>(salary_stats) ==
              R"(SELECT sum("employees"."salary") AS "total", min("employees"."salary") AS "lowest", max("employees"."name") AS "last_name" FROM "employees" WHERE "employees"."salary" > $1)");
static_assert(sql_text<sqlite>(salary_stats) ==
              R"(SELECT sum("employees"."salary") AS "total", min("employees"."salary") AS "lowest", max("employees"."name") AS "last_name" FROM "employees" WHERE "employees"."salary" > ?)");
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(salary_stats)::row_type{}.get<"last_name">())>,
                             std::optional<std::string>>);

constexpr auto busy_authors = select(posts.user_id, count().as<"n">())
                                  .group_by(posts.user_id)
                                  .having(count() >= 3)
                                  .order_by(count().as<"n">().desc());
static_assert(sql_text<postgresql>(busy_authors) ==
              R"(SELECT "posts"."user_id", count(*) AS "n" FROM "posts" GROUP BY "posts"."user_id" HAVING count(*) >= $1 ORDER BY "n" DESC)");
static_assert(sql_text<sqlite>(busy_authors) ==
              R"(SELECT "posts"."user_id", count(*) AS "n" FROM "posts" GROUP BY "posts"."user_id" HAVING count(*) >= ? ORDER BY "n" DESC)");

// Grouped by the primary key, every column of users may be selected (functional dependency,
// which PostgreSQL accepts too).
constexpr auto per_user = select(users.username, users.email, count(posts.id).as<"posts">(), max(posts.title).as<"latest">())
                              .select_from(users.outerjoin(posts))
                              .group_by(users.id)
                              .order_by(users.username);
static_assert(sql_text<postgresql>(per_user) ==
              R"(SELECT "users"."username", "users"."email", count("posts"."id") AS "posts", max("posts"."title") AS "latest" FROM "users" LEFT OUTER JOIN "posts" ON "users"."id" = "posts"."user_id" GROUP BY "users"."id" ORDER BY "users"."username" ASC)");
static_assert(sql_text<sqlite>(per_user) == sql_text<postgresql>(per_user));
// count over the optional side stays a plain count; max over it is optional anyway
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(per_user)::row_type{}.get<"posts">())>, std::int64_t>);

// HAVING on a grouped column and on an aggregate, both with bound values.
constexpr auto grouped_by_age = select(users.age, count().as<"n">())
                                    .group_by(users.age)
                                    .having(users.age != null && count() > 0)
                                    .order_by(users.age);
static_assert(sql_text<postgresql>(grouped_by_age) ==
              R"(SELECT "users"."age", count(*) AS "n" FROM "users" GROUP BY "users"."age" HAVING "users"."age" IS NOT NULL AND count(*) > $1 ORDER BY "users"."age" ASC)");
static_assert(sql_text<sqlite>(grouped_by_age) ==
              R"(SELECT "users"."age", count(*) AS "n" FROM "users" GROUP BY "users"."age" HAVING "users"."age" IS NOT NULL AND count(*) > ? ORDER BY "users"."age" ASC)");

// Aggregates in arithmetic and over expressions.
constexpr auto spread = select((max(employees.salary) - min(employees.salary)).as<"spread">(),
                               sum(employees.salary * 2).as<"doubled">());
static_assert(sql_text<postgresql>(spread) ==
              R"(SELECT max("employees"."salary") - min("employees"."salary") AS "spread", sum("employees"."salary" * $1) AS "doubled" FROM "employees")");

class aggregate_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(aggregate_test);

TEST_P(aggregate_test, over_an_empty_table_count_is_zero_and_the_rest_null) {
    auto conn = db.connect();
    auto [rows, counted, distinct_ages, total, mean, lowest, highest] = conn.execute(age_stats).one();
    EXPECT_EQ(rows, 0);
    EXPECT_EQ(counted, 0);
    EXPECT_EQ(distinct_ages, 0);
    EXPECT_EQ(total, std::nullopt);
    EXPECT_EQ(mean, std::nullopt);
    EXPECT_EQ(lowest, std::nullopt);
    EXPECT_EQ(highest, std::nullopt);

    const auto salaries = conn.execute(salary_stats).one();
    EXPECT_EQ(salaries.get<"total">(), std::nullopt);
    EXPECT_EQ(salaries.get<"lowest">(), std::nullopt);
    EXPECT_EQ(salaries.get<"last_name">(), std::nullopt);
    // a grouped query over no rows has no groups at all
    EXPECT_TRUE(conn.execute(busy_authors).all().empty());
}

TEST_P(aggregate_test, over_rows_skip_nulls) {
    seed_blog();
    auto conn = db.connect();
    // ages 30, 25, NULL, 41
    auto [rows, counted, distinct_ages, total, mean, lowest, highest] = conn.execute(age_stats).one();
    EXPECT_EQ(rows, 4);
    EXPECT_EQ(counted, 3);
    EXPECT_EQ(distinct_ages, 3);
    EXPECT_EQ(total, 96);
    ASSERT_TRUE(mean.has_value());
    EXPECT_DOUBLE_EQ(*mean, 32.0);
    EXPECT_EQ(lowest, 25);
    EXPECT_EQ(highest, 41);

    conn.execute(update(users).set(users.age = 30).where(users.username == "dave"));
    EXPECT_EQ(conn.execute(age_stats).one().get<2>(), 2);  // 30, 25, 30: two distinct
}

TEST_P(aggregate_test, of_not_null_columns_with_a_filter) {
    seed_org_chart();
    auto conn = db.connect();
    const auto row = conn.execute(salary_stats).one();
    EXPECT_EQ(row.get<"total">(), 300 + 200 + 150 + 100 + 250);
    EXPECT_EQ(row.get<"lowest">(), 100);
    EXPECT_EQ(row.get<"last_name">(), "fay");
    const auto [range, doubled] = conn.execute(spread).one();
    EXPECT_EQ(range, 300 - 90);
    EXPECT_EQ(doubled, 2 * 1090);
}

TEST_P(aggregate_test, group_by_and_having) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<int, std::int64_t>> got;
    for (const auto& row : conn.execute(busy_authors)) got.emplace_back(row.user_id, row.get<"n">());
    EXPECT_EQ(got, (std::vector<std::pair<int, std::int64_t>>{{ids.dave, 6}, {ids.alice, 3}}));

    std::vector<std::pair<std::optional<int>, std::int64_t>> ages;
    for (const auto& row : conn.execute(grouped_by_age)) ages.emplace_back(row.age, row.get<"n">());
    EXPECT_EQ(ages, (std::vector<std::pair<std::optional<int>, std::int64_t>>{{25, 1}, {30, 1}, {41, 1}}));
}

TEST_P(aggregate_test, grouped_by_primary_key_selects_the_other_columns) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::tuple<std::string, std::string, std::int64_t, std::optional<std::string>>> got;
    for (const auto& row : conn.execute(per_user))
        got.emplace_back(row.username, row.email, row.get<"posts">(), row.get<"latest">());
    const std::vector<std::tuple<std::string, std::string, std::int64_t, std::optional<std::string>>> expected = {
        {"alice", "alice@example.com", 3, "a3"},
        {"bob", "bob@example.com", 1, "b1"},
        {"carol", "carol@example.com", 0, std::nullopt},  // count(posts.id) skips the NULL of the outer join
        {"dave", "dave@example.com", 6, "d6"}};
    EXPECT_EQ(got, expected);
}

// sum() of a bigint is a NUMERIC on PostgreSQL, so a decimal on both dialects: past 64 bits
// it is the exact sum there, and SQLite's "integer overflow" a data_error; never a clamped number.
TEST_P(aggregate_test, sum_of_a_bigint_is_a_decimal) {
    using namespace retort::test_schema;
    using sum_row = decltype(select(sum(type_values.big)))::row_type;
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(sum_row{}.get<0>())>, std::optional<decimal>>);
    using regular_sum_row = decltype(select(sum(type_values.regular)))::row_type;
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(regular_sum_row{}.get<0>())>, std::optional<std::int64_t>>);
    metadata{type_values}.create_all(db);
    auto conn = db.connect();
    constexpr std::int64_t largest = std::numeric_limits<std::int64_t>::max();
    conn.execute(insert(type_values).values(type_values.id = 1, type_values.big = largest));
    EXPECT_EQ(conn.execute(select(sum(type_values.big))).scalar_one()->str(), "9223372036854775807");
    conn.execute(insert(type_values).values(type_values.id = 2, type_values.big = largest));
    if (is_postgresql()) {
        EXPECT_EQ(conn.execute(select(sum(type_values.big))).scalar_one()->str(), "18446744073709551614");
    } else {
        try {
            conn.execute(select(sum(type_values.big))).scalar_one();
            ADD_FAILURE() << "no data_error";
        } catch (const data_error& e) {
            EXPECT_NE(std::string(e.what()).find("integer overflow"), std::string::npos) << e.what();
        }
    }
}

}  // namespace
