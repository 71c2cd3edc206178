// Subqueries: scalar (in the select list and in WHERE, correlated or not), IN and NOT IN,
// EXISTS and NOT EXISTS, and derived tables in FROM with columns c<"name">.
#include <algorithm>
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

// Correlated: the inner query uses users of the outer one.
constexpr auto post_counts =
    select(users.username, select(count(posts.id)).where(posts.user_id == users.id).scalar_subquery().as<"post_count">())
        .order_by(users.username);
static_assert(sql_text<postgresql>(post_counts) ==
              R"(SELECT "users"."username", (SELECT count("posts"."id") FROM "posts" WHERE "posts"."user_id" = "users"."id") AS "post_count" FROM "users" ORDER BY "users"."username" ASC)");
static_assert(sql_text<sqlite>(post_counts) == sql_text<postgresql>(post_counts));
// a scalar subquery may find no row: optional
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(post_counts)::row_type{}.get<"post_count">())>,
                             std::optional<std::int64_t>>);

// Uncorrelated, in WHERE.
constexpr auto above_average =
    select(employees.name).where(employees.salary > select(avg(employees.salary)).scalar_subquery()).order_by(employees.name);
static_assert(sql_text<postgresql>(above_average) ==
              R"(SELECT "employees"."name" FROM "employees" WHERE "employees"."salary" > (SELECT avg("employees"."salary") FROM "employees") ORDER BY "employees"."name" ASC)");
static_assert(sql_text<sqlite>(above_average) == sql_text<postgresql>(above_average));

// Correlated through an alias of the same table: each user's latest post.
constexpr auto p2 = alias<"p2">(posts);
constexpr auto latest_posts =
    select(posts.title).where(posts.id == select(max(p2.id)).where(p2.user_id == posts.user_id).scalar_subquery()).order_by(posts.title);
static_assert(sql_text<postgresql>(latest_posts) ==
              R"(SELECT "posts"."title" FROM "posts" WHERE "posts"."id" = (SELECT max("p2"."id") FROM "posts" AS "p2" WHERE "p2"."user_id" = "posts"."user_id") ORDER BY "posts"."title" ASC)");

constexpr auto authors_of =
    select(users.username).where(users.id.in_(select(posts.user_id).where(posts.title.like("d%") || posts.title == "b1"))).order_by(users.username);
static_assert(sql_text<postgresql>(authors_of) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."id" IN (SELECT "posts"."user_id" FROM "posts" WHERE "posts"."title" LIKE $1 OR "posts"."title" = $2) ORDER BY "users"."username" ASC)");
static_assert(sql_text<sqlite>(authors_of) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."id" IN (SELECT "posts"."user_id" FROM "posts" WHERE "posts"."title" LIKE ? OR "posts"."title" = ?) ORDER BY "users"."username" ASC)");

constexpr auto silent_users = select(users.username).where(users.id.not_in(select(posts.user_id)));
static_assert(sql_text<postgresql>(silent_users) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."id" NOT IN (SELECT "posts"."user_id" FROM "posts"))");

constexpr auto wrote_an_a_post =
    select(users.username).where(exists(select(posts.id).where(posts.user_id == users.id && posts.title.like("a%"))));
static_assert(sql_text<postgresql>(wrote_an_a_post) ==
              R"(SELECT "users"."username" FROM "users" WHERE EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "users"."id" AND "posts"."title" LIKE $1))");
static_assert(sql_text<sqlite>(wrote_an_a_post) ==
              R"(SELECT "users"."username" FROM "users" WHERE EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "users"."id" AND "posts"."title" LIKE ?))");

constexpr auto wrote_nothing = select(users.username).where(!exists(select(posts.id).where(posts.user_id == users.id)));
static_assert(sql_text<postgresql>(wrote_nothing) ==
              R"(SELECT "users"."username" FROM "users" WHERE NOT EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "users"."id"))");

// A derived table: a grouped query in FROM, joined by its columns.
constexpr auto counts = select(posts.user_id, count(posts.id).as<"n">()).group_by(posts.user_id).subquery<"counts">();
constexpr auto users_with_counts = select(users.username, counts.c<"n">)
                                       .select_from(users.join(counts, counts.c<"user_id"> == users.id))
                                       .order_by(users.username);
static_assert(sql_text<postgresql>(users_with_counts) ==
              R"(SELECT "users"."username", "counts"."n" FROM "users" JOIN (SELECT "posts"."user_id", count("posts"."id") AS "n" FROM "posts" GROUP BY "posts"."user_id") AS "counts" ON "counts"."user_id" = "users"."id" ORDER BY "users"."username" ASC)");
static_assert(sql_text<sqlite>(users_with_counts) == sql_text<postgresql>(users_with_counts));
// the derived columns keep their types: count is a bigint, never NULL
static_assert(std::is_same_v<std::tuple_element_t<1, decltype(users_with_counts)::row_type>, std::int64_t>);

// select(subquery) selects all its columns; WHERE on them.
constexpr auto prolific = select(counts).select_from(counts).where(counts.c<"n"> >= 3);
static_assert(sql_text<postgresql>(prolific) ==
              R"(SELECT "counts"."user_id", "counts"."n" FROM (SELECT "posts"."user_id", count("posts"."id") AS "n" FROM "posts" GROUP BY "posts"."user_id") AS "counts" WHERE "counts"."n" >= $1)");
static_assert(sql_text<sqlite>(prolific) ==
              R"(SELECT "counts"."user_id", "counts"."n" FROM (SELECT "posts"."user_id", count("posts"."id") AS "n" FROM "posts" GROUP BY "posts"."user_id") AS "counts" WHERE "counts"."n" >= ?)");

// Values everywhere: the select list, a derived table in FROM, WHERE. Bound in text order.
constexpr auto titled = select(posts.user_id, count(posts.id).as<"n">()).where(posts.title != "d6").group_by(posts.user_id).subquery<"titled">();
constexpr auto everywhere =
    select(users.username, (titled.c<"n"> + 100).as<"n_plus">(),
           select(count(posts.id)).where(posts.user_id == users.id && posts.title.like("%3")).scalar_subquery().as<"threes">())
        .select_from(users.outerjoin(titled, titled.c<"user_id"> == users.id))
        .where(users.username != "bob")
        .order_by(users.username);
static_assert(sql_text<postgresql>(everywhere) ==
              R"(SELECT "users"."username", "titled"."n" + $1 AS "n_plus", (SELECT count("posts"."id") FROM "posts" WHERE "posts"."user_id" = "users"."id" AND "posts"."title" LIKE $2) AS "threes" FROM "users" LEFT OUTER JOIN (SELECT "posts"."user_id", count("posts"."id") AS "n" FROM "posts" WHERE "posts"."title" != $3 GROUP BY "posts"."user_id") AS "titled" ON "titled"."user_id" = "users"."id" WHERE "users"."username" != $4 ORDER BY "users"."username" ASC)");
// the derived table is on the optional side of the outer join
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(everywhere)::row_type{}.get<"n_plus">())>,
                             std::optional<std::int64_t>>);

class subquery_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(subquery_test);

TEST_P(subquery_test, correlated_scalar_subquery_in_the_select_list) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<std::string, std::optional<std::int64_t>>> got;
    for (const auto& row : conn.execute(post_counts)) got.emplace_back(row.username, row.get<"post_count">());
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::optional<std::int64_t>>>{
                       {"alice", 3}, {"bob", 1}, {"carol", 0}, {"dave", 6}}));
}

TEST_P(subquery_test, scalar_subquery_in_where) {
    seed_org_chart();  // mean salary 181.67
    seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(above_average).scalars(), (std::vector<std::string>{"ann", "ben", "fay"}));
    EXPECT_EQ(conn.execute(latest_posts).scalars(), (std::vector<std::string>{"a3", "b1", "d6"}));
}

TEST_P(subquery_test, in_and_not_in_a_subquery) {
    seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(authors_of).scalars(), (std::vector<std::string>{"bob", "dave"}));
    EXPECT_EQ(conn.execute(silent_users).scalars(), (std::vector<std::string>{"carol"}));
}

TEST_P(subquery_test, exists_and_not_exists) {
    seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(wrote_an_a_post).scalars(), (std::vector<std::string>{"alice"}));
    EXPECT_EQ(conn.execute(wrote_nothing).scalars(), (std::vector<std::string>{"carol"}));
}

TEST_P(subquery_test, derived_table_joined_and_filtered) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<std::string, std::int64_t>> got;
    for (const auto& row : conn.execute(users_with_counts)) got.emplace_back(row.username, row.get<1>());
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::int64_t>>{{"alice", 3}, {"bob", 1}, {"dave", 6}}));

    std::vector<std::pair<int, std::int64_t>> busy;
    for (const auto& row : conn.execute(prolific)) busy.emplace_back(row.get<0>(), row.get<1>());
    std::sort(busy.begin(), busy.end());
    EXPECT_EQ(busy, (std::vector<std::pair<int, std::int64_t>>{{ids.alice, 3}, {ids.dave, 6}}));
}

TEST_P(subquery_test, values_bound_in_text_order_across_subqueries) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::string> got;
    for (const auto& row : conn.execute(everywhere)) {
        const auto& n = row.get<"n_plus">();
        got.push_back(row.username + " " + (n ? std::to_string(*n) : "NULL") + " " +
                      std::to_string(row.get<"threes">().value_or(-1)));
    }
    EXPECT_EQ(got, (std::vector<std::string>{"alice 103 1", "carol NULL 0", "dave 105 1"}));
}

// A derived table's columns carry their names (derived_column::label), so a row of them
// should be readable as row.get<"name">() like any labeled value.
TEST(subquery_rows, derived_columns_are_read_by_name) {
    using row = decltype(users_with_counts)::row_type;
    EXPECT_EQ((row::index_of<"n">()), 1u) << "row.get<\"n\">() does not find the derived column \"counts\".\"n\"";
    using all_columns = decltype(prolific)::row_type;
    EXPECT_EQ((all_columns::index_of<"user_id">()), 0u);
    EXPECT_EQ((all_columns::index_of<"n">()), 1u);
}

}  // namespace
