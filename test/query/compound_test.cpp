// Set operations: UNION, UNION ALL, INTERSECT, EXCEPT (and the ALL forms PostgreSQL has),
// ORDER BY / LIMIT / OFFSET on the whole result, rows typed by both sides, and a union as
// a subquery, a derived table and a CTE.
#include <algorithm>
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

// alice (30) and dave (41) are older than 26; bob and carol have an "o" in their names.
constexpr auto older_or_with_o = select(users.username)
                                     .where(users.age > 26)
                                     .union_(select(users.username).where(users.username.like("%o%")))
                                     .order_by(users.username.desc())
                                     .limit(3);
static_assert(sql_text<postgresql>(older_or_with_o) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."age" > $1 UNION SELECT "users"."username" FROM "users" WHERE "users"."username" LIKE $2 ORDER BY "username" DESC LIMIT $3)");
static_assert(sql_text<sqlite>(older_or_with_o) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."age" > ? UNION SELECT "users"."username" FROM "users" WHERE "users"."username" LIKE ? ORDER BY "username" DESC LIMIT ?)");

// UNION ALL keeps duplicates; across tables; OFFSET without LIMIT needs LIMIT -1 on SQLite.
constexpr auto names_and_titles =
    union_all(select(users.username), select(posts.title).where(posts.title.like("a%"))).order_by(users.username).offset(2);
static_assert(sql_text<postgresql>(names_and_titles) ==
              R"(SELECT "users"."username" FROM "users" UNION ALL SELECT "posts"."title" FROM "posts" WHERE "posts"."title" LIKE $1 ORDER BY "username" ASC OFFSET $2)");
static_assert(sql_text<sqlite>(names_and_titles) ==
              R"(SELECT "users"."username" FROM "users" UNION ALL SELECT "posts"."title" FROM "posts" WHERE "posts"."title" LIKE ? ORDER BY "username" ASC LIMIT -1 OFFSET ?)");

constexpr auto older_authors = select(users.id).where(users.age > 26).intersect(select(posts.user_id));
static_assert(sql_text<postgresql>(older_authors) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" > $1 INTERSECT SELECT "posts"."user_id" FROM "posts")");
static_assert(sql_text<sqlite>(older_authors) ==
              R"(SELECT "users"."id" FROM "users" WHERE "users"."age" > ? INTERSECT SELECT "posts"."user_id" FROM "posts")");

constexpr auto never_posted = except_(select(users.id), select(posts.user_id));
static_assert(sql_text<postgresql>(never_posted) == R"(SELECT "users"."id" FROM "users" EXCEPT SELECT "posts"."user_id" FROM "posts")");
static_assert(sql_text<sqlite>(never_posted) == sql_text<postgresql>(never_posted));

// Three members, mixed operators, read left to right.
constexpr auto chained = select(users.id)
                             .union_(select(posts.user_id))
                             .except_(select(users.id).where(users.username == "bob"))
                             .order_by(users.id);
static_assert(sql_text<postgresql>(chained) ==
              R"(SELECT "users"."id" FROM "users" UNION SELECT "posts"."user_id" FROM "posts" EXCEPT SELECT "users"."id" FROM "users" WHERE "users"."username" = $1 ORDER BY "id" ASC)");

// A row is optional where either side may be NULL.
constexpr auto salaries_and_ages = select(employees.salary).union_(select(users.age));
static_assert(std::is_same_v<std::tuple_element_t<0, decltype(salaries_and_ages)::row_type>, std::optional<std::int32_t>>);
static_assert(std::is_same_v<std::tuple_element_t<0, decltype(older_authors)::row_type>, std::int32_t>);

// INTERSECT ALL / EXCEPT ALL: PostgreSQL only. (They follow a first set operation: a plain
// select has union_, union_all, intersect and except_.)
constexpr auto first_posts = select(posts.user_id).where(posts.title.like("%1")).union_all(select(votes.user_id));
constexpr auto authors_twice = first_posts.intersect_all(select(posts.user_id));
static_assert(sql_text<postgresql>(authors_twice) ==
              R"(SELECT "posts"."user_id" FROM "posts" WHERE "posts"."title" LIKE $1 UNION ALL SELECT "votes"."user_id" FROM "votes" INTERSECT ALL SELECT "posts"."user_id" FROM "posts")");
static_assert(!statement_text<sqlite, std::remove_cvref_t<decltype(authors_twice)>>::supported);
constexpr auto extra_posts = select(posts.user_id).union_all(select(votes.user_id)).except_all(select(users.id));
static_assert(sql_text<postgresql>(extra_posts) ==
              R"(SELECT "posts"."user_id" FROM "posts" UNION ALL SELECT "votes"."user_id" FROM "votes" EXCEPT ALL SELECT "users"."id" FROM "users")");
static_assert(!statement_text<sqlite, std::remove_cvref_t<decltype(extra_posts)>>::supported);

// A union as an IN subquery, as a derived table and as a CTE.
constexpr auto voters_or_authors = select(users.username).where(users.id.in_(select(posts.user_id).union_(select(votes.user_id)))).order_by(users.username);
static_assert(sql_text<postgresql>(voters_or_authors) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."id" IN (SELECT "posts"."user_id" FROM "posts" UNION SELECT "votes"."user_id" FROM "votes") ORDER BY "users"."username" ASC)");
constexpr auto people = select(users.username.as<"name">()).union_all(select(employees.name)).subquery<"people">();
constexpr auto people_with_a = select(people.c<"name">).select_from(people).where(people.c<"name">.like("%a%"));
static_assert(sql_text<postgresql>(people_with_a) ==
              R"(SELECT "people"."name" FROM (SELECT "users"."username" AS "name" FROM "users" UNION ALL SELECT "employees"."name" FROM "employees") AS "people" WHERE "people"."name" LIKE $1)");
constexpr auto people_cte = select(users.username.as<"name">()).union_(select(employees.name)).cte<"everyone">();
constexpr auto everyone = select(people_cte.c<"name">).with_(people_cte).order_by(people_cte.c<"name">).limit(4);
static_assert(sql_text<sqlite>(everyone) ==
              R"(WITH "everyone" AS (SELECT "users"."username" AS "name" FROM "users" UNION SELECT "employees"."name" FROM "employees") SELECT "everyone"."name" FROM "everyone" ORDER BY "name" ASC LIMIT ?)");

class compound_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(compound_test);

TEST_P(compound_test, union_removes_duplicates_then_orders_and_limits) {
    seed_blog();
    auto conn = db.connect();
    // alice, dave (older) and bob, carol (an "o"): descending, first three
    EXPECT_EQ(conn.execute(older_or_with_o).scalars(), (std::vector<std::string>{"dave", "carol", "bob"}));
    // dave matches both members: once only
    EXPECT_EQ(conn.execute(select(users.username).where(users.age > 26).union_(select(users.username).where(users.username.like("%a%"))).order_by(users.username)).scalars(),
              (std::vector<std::string>{"alice", "carol", "dave"}));
}

TEST_P(compound_test, union_all_keeps_duplicates) {
    seed_blog();
    auto conn = db.connect();
    // alice, bob, carol, dave, a1, a2, a3 ordered: a1 a2 a3 alice bob carol dave; skip two
    EXPECT_EQ(conn.execute(names_and_titles).scalars(), (std::vector<std::string>{"a3", "alice", "bob", "carol", "dave"}));
    const auto twice = conn.execute(select(users.username).union_all(select(users.username))).scalars();
    EXPECT_EQ(twice.size(), 8u);
}

TEST_P(compound_test, intersect_and_except) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    auto both = conn.execute(older_authors).scalars();
    std::sort(both.begin(), both.end());
    EXPECT_EQ(both, (std::vector<std::int32_t>{ids.alice, ids.dave}));
    EXPECT_EQ(conn.execute(never_posted).scalars(), (std::vector<std::int32_t>{ids.carol}));
    EXPECT_EQ(conn.execute(chained).scalars(), (std::vector<std::int32_t>{ids.alice, ids.carol, ids.dave}));
}

TEST_P(compound_test, rows_are_optional_where_either_side_may_be_null) {
    seed_blog();
    seed_org_chart();
    auto conn = db.connect();
    auto values = conn.execute(salaries_and_ages).scalars();
    std::sort(values.begin(), values.end());
    // carol's unknown age is the NULL; 25, 30, 41 and six salaries
    ASSERT_EQ(values.size(), 10u);
    EXPECT_EQ(values.front(), std::nullopt);
    EXPECT_EQ(values.back(), 300);
}

TEST_P(compound_test, all_forms_of_intersect_and_except_are_postgresql_only) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    if (is_postgresql()) {
        // a1, b1, d1 once each; intersected with every post's author, keeping multiplicity
        auto authors = conn.execute(authors_twice).scalars();
        std::sort(authors.begin(), authors.end());
        EXPECT_EQ(authors, (std::vector<std::int32_t>{ids.alice, ids.bob, ids.dave}));
        // ten posts minus one of each user id: alice twice more, dave five more
        EXPECT_EQ(conn.execute(extra_posts).scalars().size(), 7u);
    } else {
        EXPECT_THROW(conn.execute(authors_twice), not_supported_error);
        EXPECT_THROW(conn.execute(extra_posts), not_supported_error);
    }
}

TEST_P(compound_test, union_as_subquery_derived_table_and_cte) {
    const auto ids = seed_blog();
    seed_org_chart();
    auto conn = db.connect();
    conn.execute(insert(votes).values(votes.user_id = ids.carol, votes.post_id = 1, votes.score = 1));
    EXPECT_EQ(conn.execute(voters_or_authors).scalars(), (std::vector<std::string>{"alice", "bob", "carol", "dave"}));
    // alice carol dave + ann dan fay: names with an "a"
    auto with_a = conn.execute(people_with_a).scalars();
    std::sort(with_a.begin(), with_a.end());
    EXPECT_EQ(with_a, (std::vector<std::string>{"alice", "ann", "carol", "dan", "dave", "fay"}));
    std::vector<std::string> first_four;
    for (const auto& row : conn.execute(everyone)) first_four.push_back(row.get<0>());
    EXPECT_EQ(first_four, (std::vector<std::string>{"alice", "ann", "ben", "bob"}));
}

}  // namespace
