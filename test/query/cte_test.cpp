// Common table expressions: a query named with cte<"name">() and declared with with_(),
// several CTEs in one WITH, a CTE in a subquery, and recursive CTEs over a table type
// (an org chart walked top-down, a counter).
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

constexpr auto older = select(users.id, users.username, users.age).where(users.age > 28).cte<"older">();
constexpr auto older_names = select(older.c<"username">).with_(older).order_by(older.c<"username">);
static_assert(sql_text<postgresql>(older_names) ==
              R"(WITH "older" AS (SELECT "users"."id", "users"."username", "users"."age" FROM "users" WHERE "users"."age" > $1) SELECT "older"."username" FROM "older" ORDER BY "username" ASC)");
static_assert(sql_text<sqlite>(older_names) ==
              R"(WITH "older" AS (SELECT "users"."id", "users"."username", "users"."age" FROM "users" WHERE "users"."age" > ?) SELECT "older"."username" FROM "older" ORDER BY "username" ASC)");
// a CTE's columns keep their types and nullability
static_assert(std::is_same_v<std::tuple_element_t<0, decltype(older_names)::row_type>, std::string>);
static_assert(std::is_same_v<std::tuple_element_t<2, decltype(select(older).with_(older))::row_type>, std::optional<std::int32_t>>);

// A grouped CTE joined to a table, values in the CTE and in the main query.
constexpr auto busy = select(posts.user_id, count(posts.id).as<"n">()).group_by(posts.user_id).having(count(posts.id) > 2).cte<"busy">();
constexpr auto busy_users = select(users.username, busy.c<"n">)
                                .select_from(users.join(busy, busy.c<"user_id"> == users.id))
                                .where(users.username != "nobody")
                                .with_(busy)
                                .order_by(users.username);
static_assert(sql_text<postgresql>(busy_users) ==
              R"(WITH "busy" AS (SELECT "posts"."user_id", count("posts"."id") AS "n" FROM "posts" GROUP BY "posts"."user_id" HAVING count("posts"."id") > $1) SELECT "users"."username", "busy"."n" FROM "users" JOIN "busy" ON "busy"."user_id" = "users"."id" WHERE "users"."username" != $2 ORDER BY "users"."username" ASC)");
static_assert(sql_text<sqlite>(busy_users) ==
              R"(WITH "busy" AS (SELECT "posts"."user_id", count("posts"."id") AS "n" FROM "posts" GROUP BY "posts"."user_id" HAVING count("posts"."id") > ?) SELECT "users"."username", "busy"."n" FROM "users" JOIN "busy" ON "busy"."user_id" = "users"."id" WHERE "users"."username" != ? ORDER BY "users"."username" ASC)");

// Two CTEs in one WITH, both joined.
constexpr auto titled_a = select(posts.user_id.as<"author">(), posts.title).where(posts.title.like("a%")).cte<"titled_a">();
constexpr auto both = select(older.c<"username">, titled_a.c<"title">)
                          .select_from(older.join(titled_a, titled_a.c<"author"> == older.c<"id">))
                          .with_(older, titled_a)
                          .order_by(titled_a.c<"title">.desc());
static_assert(sql_text<postgresql>(both) ==
              R"(WITH "older" AS (SELECT "users"."id", "users"."username", "users"."age" FROM "users" WHERE "users"."age" > $1), "titled_a" AS (SELECT "posts"."user_id" AS "author", "posts"."title" FROM "posts" WHERE "posts"."title" LIKE $2) SELECT "older"."username", "titled_a"."title" FROM "older" JOIN "titled_a" ON "titled_a"."author" = "older"."id" ORDER BY "title" DESC)");

// A CTE used inside a subquery is declared on that subquery.
constexpr auto posts_of_older = select(posts.title).where(posts.user_id.in_(select(older.c<"id">).with_(older))).order_by(posts.title);
static_assert(sql_text<postgresql>(posts_of_older) ==
              R"(SELECT "posts"."title" FROM "posts" WHERE "posts"."user_id" IN (WITH "older" AS (SELECT "users"."id", "users"."username", "users"."age" FROM "users" WHERE "users"."age" > $1) SELECT "older"."id" FROM "older") ORDER BY "posts"."title" ASC)");

// Recursive: ann and everyone below her, with the depth. The first member selects a
// constant depth with cast<integer>(0).
constexpr auto reports =
    recursive_cte(chain, select(employees.id, employees.name, cast<integer>(0))
                             .where(employees.id == 1)
                             .union_all(select(employees.id, employees.name, chain.depth + 1)
                                            .select_from(employees.join(chain, employees.manager_id == chain.id))));
constexpr auto under_ann = select(chain).with_(reports).order_by(chain.depth, chain.name);
static_assert(sql_text<postgresql>(under_ann) ==
              R"(WITH RECURSIVE "chain" ("id", "name", "depth") AS (SELECT "employees"."id", "employees"."name", CAST($1 AS INTEGER) FROM "employees" WHERE "employees"."id" = $2 UNION ALL SELECT "employees"."id", "employees"."name", "chain"."depth" + $3 FROM "employees" JOIN "chain" ON "employees"."manager_id" = "chain"."id") SELECT "chain"."id", "chain"."name", "chain"."depth" FROM "chain" ORDER BY "chain"."depth" ASC, "chain"."name" ASC)");
static_assert(sql_text<sqlite>(under_ann) ==
              R"(WITH RECURSIVE "chain" ("id", "name", "depth") AS (SELECT "employees"."id", "employees"."name", CAST(? AS INTEGER) FROM "employees" WHERE "employees"."id" = ? UNION ALL SELECT "employees"."id", "employees"."name", "chain"."depth" + ? FROM "employees" JOIN "chain" ON "employees"."manager_id" = "chain"."id") SELECT "chain"."id", "chain"."name", "chain"."depth" FROM "chain" ORDER BY "chain"."depth" ASC, "chain"."name" ASC)");

// Recursive counter 1..5; a first member without FROM.
constexpr auto one_to_five =
    recursive_cte(counter, select(cast<integer>(1)).union_all(select(counter.n + 1).where(counter.n < 5)));
constexpr auto counted = select(counter.n).with_(one_to_five).order_by(counter.n);
static_assert(sql_text<postgresql>(counted) ==
              R"(WITH RECURSIVE "counter" ("n") AS (SELECT CAST($1 AS INTEGER) UNION ALL SELECT "counter"."n" + $2 FROM "counter" WHERE "counter"."n" < $3) SELECT "counter"."n" FROM "counter" ORDER BY "counter"."n" ASC)");
static_assert(sql_text<sqlite>(counted) ==
              R"(WITH RECURSIVE "counter" ("n") AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT "counter"."n" + ? FROM "counter" WHERE "counter"."n" < ?) SELECT "counter"."n" FROM "counter" ORDER BY "counter"."n" ASC)");
constexpr auto counter_total = select(sum(counter.n).as<"total">()).with_(one_to_five);
static_assert(sql_text<postgresql>(counter_total) ==
              R"(WITH RECURSIVE "counter" ("n") AS (SELECT CAST($1 AS INTEGER) UNION ALL SELECT "counter"."n" + $2 FROM "counter" WHERE "counter"."n" < $3) SELECT sum("counter"."n") AS "total" FROM "counter")");

// The same table-typed CTE without recursion.
constexpr auto top_level = table_cte_of(chain, select(employees.id, employees.name, cast<integer>(0)).where(employees.manager_id == null));
constexpr auto top_names = select(chain.name).with_(top_level).order_by(chain.name);
static_assert(sql_text<postgresql>(top_names) ==
              R"(WITH "chain" ("id", "name", "depth") AS (SELECT "employees"."id", "employees"."name", CAST($1 AS INTEGER) FROM "employees" WHERE "employees"."manager_id" IS NULL) SELECT "chain"."name" FROM "chain" ORDER BY "chain"."name" ASC)");

class cte_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(cte_test);

TEST_P(cte_test, named_query_in_with) {
    seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(older_names).scalars(), (std::vector<std::string>{"alice", "dave"}));
    auto all_older = conn.execute(select(older).with_(older).order_by(older.c<"id">)).all();
    ASSERT_EQ(all_older.size(), 2u);
    EXPECT_EQ(all_older[0].get<1>(), "alice");
    EXPECT_EQ(all_older[0].get<2>(), 30);
}

TEST_P(cte_test, grouped_cte_joined_to_a_table) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<std::string, std::int64_t>> got;
    for (const auto& row : conn.execute(busy_users)) got.emplace_back(row.username, row.get<1>());
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::int64_t>>{{"alice", 3}, {"dave", 6}}));
}

TEST_P(cte_test, two_ctes_in_one_with) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::string> got;
    for (const auto& row : conn.execute(both)) got.push_back(row.get<0>() + "/" + row.get<1>());
    EXPECT_EQ(got, (std::vector<std::string>{"alice/a3", "alice/a2", "alice/a1"}));
}

TEST_P(cte_test, cte_inside_a_subquery) {
    seed_blog();
    auto conn = db.connect();
    const auto titles = conn.execute(posts_of_older).scalars();
    EXPECT_EQ(titles, (std::vector<std::string>{"a1", "a2", "a3", "d1", "d2", "d3", "d4", "d5", "d6"}));
}

TEST_P(cte_test, recursive_walk_down_a_tree) {
    seed_org_chart();
    auto conn = db.connect();
    std::vector<std::tuple<int, std::string, int>> got;
    for (const auto& row : conn.execute(under_ann)) got.emplace_back(row.id, row.name, row.depth);
    const std::vector<std::tuple<int, std::string, int>> expected = {
        {1, "ann", 0}, {2, "ben", 1}, {3, "cid", 1}, {4, "dan", 2}, {5, "eve", 3}};
    EXPECT_EQ(got, expected);

    std::vector<std::string> top;
    for (const auto& row : conn.execute(top_names)) top.push_back(row.name);
    EXPECT_EQ(top, (std::vector<std::string>{"ann", "fay"}));
}

TEST_P(cte_test, recursive_counter) {
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(counted).scalars(), (std::vector<std::int32_t>{1, 2, 3, 4, 5}));
    EXPECT_EQ(conn.execute(counter_total).one().get<"total">(), 15);
}

}  // namespace
