// Joins: ON inferred from the one foreign key or given, inner and outer joins (the optional
// side read as std::optional), joins started from a select, and self-joins through an alias.
#include <algorithm>
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

// ON from the foreign key posts.user_id -> users.id, whichever side comes first.
constexpr auto user_posts = select(users.username, posts.title).select_from(users.join(posts)).order_by(posts.id);
static_assert(sql_text<postgresql>(user_posts) ==
              R"(SELECT "users"."username", "posts"."title" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" ORDER BY "posts"."id" ASC)");
static_assert(sql_text<sqlite>(user_posts) == sql_text<postgresql>(user_posts));

constexpr auto post_authors = select(posts.title, users.username).select_from(posts.join(users)).where(users.age > 26);
static_assert(sql_text<postgresql>(post_authors) ==
              R"(SELECT "posts"."title", "users"."username" FROM "posts" JOIN "users" ON "users"."id" = "posts"."user_id" WHERE "users"."age" > $1)");
static_assert(sql_text<sqlite>(post_authors) ==
              R"(SELECT "posts"."title", "users"."username" FROM "posts" JOIN "users" ON "users"."id" = "posts"."user_id" WHERE "users"."age" > ?)");

// LEFT OUTER JOIN: the right side's columns may be NULL, even NOT NULL ones.
constexpr auto users_and_posts =
    select(users.username, posts.title).select_from(users.outerjoin(posts)).order_by(users.username, posts.title);
static_assert(sql_text<postgresql>(users_and_posts) ==
              R"(SELECT "users"."username", "posts"."title" FROM "users" LEFT OUTER JOIN "posts" ON "users"."id" = "posts"."user_id" ORDER BY "users"."username" ASC, "posts"."title" ASC)");
static_assert(sql_text<sqlite>(users_and_posts) == sql_text<postgresql>(users_and_posts));
using users_and_posts_row = decltype(users_and_posts)::row_type;
static_assert(std::is_same_v<decltype(users_and_posts_row{}.username), std::string>);
static_assert(std::is_same_v<decltype(users_and_posts_row{}.title), std::optional<std::string>>);

// RIGHT OUTER JOIN: the left side is the optional one.
constexpr auto right_join = select(posts.title, users.username).select_from(posts.right_outerjoin(users)).order_by(users.username);
static_assert(sql_text<postgresql>(right_join) ==
              R"(SELECT "posts"."title", "users"."username" FROM "posts" RIGHT OUTER JOIN "users" ON "users"."id" = "posts"."user_id" ORDER BY "users"."username" ASC)");
static_assert(sql_text<sqlite>(right_join) == sql_text<postgresql>(right_join));
using right_join_row = decltype(right_join)::row_type;
static_assert(std::is_same_v<decltype(right_join_row{}.title), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(right_join_row{}.username), std::string>);

// FULL OUTER JOIN with an explicit ON: both sides optional.
constexpr auto full_join = select(users.username, posts.title)
                               .select_from(users.full_outerjoin(posts, posts.user_id == users.id && posts.title.like("d%")))
                               .where(users.age > 28 || users.id == null);
static_assert(sql_text<postgresql>(full_join) ==
              R"(SELECT "users"."username", "posts"."title" FROM "users" FULL OUTER JOIN "posts" ON "posts"."user_id" = "users"."id" AND "posts"."title" LIKE $1 WHERE "users"."age" > $2 OR "users"."id" IS NULL)");
static_assert(sql_text<sqlite>(full_join) ==
              R"(SELECT "users"."username", "posts"."title" FROM "users" FULL OUTER JOIN "posts" ON "posts"."user_id" = "users"."id" AND "posts"."title" LIKE ? WHERE "users"."age" > ? OR "users"."id" IS NULL)");
using full_join_row = decltype(full_join)::row_type;
static_assert(std::is_same_v<decltype(full_join_row{}.username), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(full_join_row{}.title), std::optional<std::string>>);

// select(...).join(x): joins to the leftmost selected table; outerjoin likewise.
constexpr auto joined_from_select = select(posts.title, users.username).join(users).where(users.username == "bob");
static_assert(sql_text<postgresql>(joined_from_select) ==
              R"(SELECT "posts"."title", "users"."username" FROM "posts" JOIN "users" ON "users"."id" = "posts"."user_id" WHERE "users"."username" = $1)");
static_assert(sql_text<sqlite>(joined_from_select) ==
              R"(SELECT "posts"."title", "users"."username" FROM "posts" JOIN "users" ON "users"."id" = "posts"."user_id" WHERE "users"."username" = ?)");
constexpr auto outer_from_select = select(users.username, posts.title).outerjoin(posts, posts.user_id == users.id && posts.title == "b1");
static_assert(sql_text<postgresql>(outer_from_select) ==
              R"(SELECT "users"."username", "posts"."title" FROM "users" LEFT OUTER JOIN "posts" ON "posts"."user_id" = "users"."id" AND "posts"."title" = $1)");
static_assert(std::is_same_v<decltype(decltype(outer_from_select)::row_type{}.title), std::optional<std::string>>);

// Three tables: votes has keys to both users and posts, so its ON is given.
constexpr auto three_way = select(users.username, posts.title, votes.score)
                               .select_from(users.join(posts).join(votes, votes.post_id == posts.id))
                               .order_by(votes.score.desc());
static_assert(sql_text<postgresql>(three_way) ==
              R"(SELECT "users"."username", "posts"."title", "votes"."score" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" JOIN "votes" ON "votes"."post_id" = "posts"."id" ORDER BY "votes"."score" DESC)");
static_assert(sql_text<sqlite>(three_way) == sql_text<postgresql>(three_way));

// A joined table's key inferred through an alias: the alias stands for users.
constexpr auto author = alias<"author">(users);
constexpr auto by_author = select(posts.title, author.username).select_from(posts.join(author)).where(author.age < 30);
static_assert(sql_text<postgresql>(by_author) ==
              R"(SELECT "posts"."title", "author"."username" FROM "posts" JOIN "users" AS "author" ON "author"."id" = "posts"."user_id" WHERE "author"."age" < $1)");
static_assert(sql_text<sqlite>(by_author) ==
              R"(SELECT "posts"."title", "author"."username" FROM "posts" JOIN "users" AS "author" ON "author"."id" = "posts"."user_id" WHERE "author"."age" < ?)");

// Self-join: each employee with the manager's name (NULL for those without one).
constexpr auto manager = alias<"manager">(employees);
constexpr auto with_managers = select(employees.name, manager.name.as<"manager_name">())
                                   .select_from(employees.outerjoin(manager, employees.manager_id == manager.id))
                                   .order_by(employees.id);
static_assert(sql_text<postgresql>(with_managers) ==
              R"(SELECT "employees"."name", "manager"."name" AS "manager_name" FROM "employees" LEFT OUTER JOIN "employees" AS "manager" ON "employees"."manager_id" = "manager"."id" ORDER BY "employees"."id" ASC)");
static_assert(sql_text<sqlite>(with_managers) == sql_text<postgresql>(with_managers));
static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(with_managers)::row_type{}.get<"manager_name">())>,
                             std::optional<std::string>>);

// Two aliases of one table, and the table itself: three copies in one FROM.
constexpr auto grand = alias<"grand">(employees);
constexpr auto skip_level = select(employees.name, grand.name.as<"grand_manager">())
                                .select_from(employees.join(manager, employees.manager_id == manager.id)
                                                 .join(grand, manager.manager_id == grand.id))
                                .order_by(employees.name);
static_assert(sql_text<postgresql>(skip_level) ==
              R"(SELECT "employees"."name", "grand"."name" AS "grand_manager" FROM "employees" JOIN "employees" AS "manager" ON "employees"."manager_id" = "manager"."id" JOIN "employees" AS "grand" ON "manager"."manager_id" = "grand"."id" ORDER BY "employees"."name" ASC)");

using title_pair = std::pair<std::string, std::optional<std::string>>;

class join_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(join_test);

TEST_P(join_test, inner_join_on_the_foreign_key) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& row : conn.execute(user_posts)) got.emplace_back(row.username, row.title);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"alice", "a1"}, {"alice", "a2"}, {"alice", "a3"}, {"bob", "b1"}, {"dave", "d1"},
        {"dave", "d2"},  {"dave", "d3"},  {"dave", "d4"},  {"dave", "d5"}, {"dave", "d6"}};
    EXPECT_EQ(got, expected);

    // the same pairs with the tables the other way round, filtered on the joined table
    std::vector<std::string> titles;
    for (const auto& row : conn.execute(post_authors.where(posts.title < "d3"))) titles.push_back(row.title + "/" + row.username);
    std::sort(titles.begin(), titles.end());
    EXPECT_EQ(titles, (std::vector<std::string>{"a1/alice", "a2/alice", "a3/alice", "d1/dave", "d2/dave"}));
}

TEST_P(join_test, left_outer_join_reads_the_missing_side_as_nullopt) {
    seed_blog();
    auto conn = db.connect();
    std::vector<title_pair> got;
    for (const auto& row : conn.execute(users_and_posts.where(posts.title == null || posts.title.like("%1"))))
        got.emplace_back(row.username, row.title);
    const std::vector<title_pair> expected = {{"alice", "a1"}, {"bob", "b1"}, {"carol", std::nullopt}, {"dave", "d1"}};
    EXPECT_EQ(got, expected);
    EXPECT_EQ(conn.execute(users_and_posts).all().size(), 11u);  // ten posts and carol alone
}

TEST_P(join_test, right_outer_join_keeps_every_right_row) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::string> without_posts;
    int rows = 0;
    for (const auto& row : conn.execute(right_join)) {
        ++rows;
        if (!row.title) without_posts.push_back(row.username);
    }
    EXPECT_EQ(rows, 11);
    EXPECT_EQ(without_posts, std::vector<std::string>{"carol"});
}

TEST_P(join_test, full_outer_join_has_both_sides_optional) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> got;
    for (const auto& row : conn.execute(full_join)) got.emplace_back(row.username, row.title);
    std::sort(got.begin(), got.end());
    // alice (30) matches no "d%" post; dave's six posts match; the posts of alice and bob
    // match no user under this ON and come back with NULL users.
    std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> expected = {
        {std::nullopt, "a1"}, {std::nullopt, "a2"}, {std::nullopt, "a3"}, {std::nullopt, "b1"},
        {"alice", std::nullopt}, {"dave", "d1"}, {"dave", "d2"}, {"dave", "d3"}, {"dave", "d4"},
        {"dave", "d5"}, {"dave", "d6"}};
    EXPECT_EQ(got, expected);
}

TEST_P(join_test, join_started_from_a_select) {
    seed_blog();
    auto conn = db.connect();
    auto row = conn.execute(joined_from_select).one();
    EXPECT_EQ(row.title, "b1");
    EXPECT_EQ(row.username, "bob");

    std::vector<title_pair> got;
    for (const auto& r : conn.execute(outer_from_select.order_by(users.username))) got.emplace_back(r.username, r.title);
    const std::vector<title_pair> expected = {
        {"alice", std::nullopt}, {"bob", "b1"}, {"carol", std::nullopt}, {"dave", std::nullopt}};
    EXPECT_EQ(got, expected);
}

TEST_P(join_test, three_tables) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    const int a1 = conn.execute(select(posts.id).where(posts.title == "a1")).scalar_one();
    const int d2 = conn.execute(select(posts.id).where(posts.title == "d2")).scalar_one();
    conn.execute(insert(votes).values(votes.user_id = ids.bob, votes.post_id = a1, votes.score = 3));
    conn.execute(insert(votes).values(votes.user_id = ids.carol, votes.post_id = d2, votes.score = 5));
    conn.commit();
    std::vector<std::tuple<std::string, std::string, int>> got;
    for (const auto& row : conn.execute(three_way)) got.emplace_back(row.username, row.title, row.score);
    // the author of the post, not the voter
    EXPECT_EQ(got, (std::vector<std::tuple<std::string, std::string, int>>{{"dave", "d2", 5}, {"alice", "a1", 3}}));
}

TEST_P(join_test, join_through_an_alias) {
    seed_blog();
    auto conn = db.connect();
    std::vector<std::string> got;
    for (const auto& row : conn.execute(by_author.order_by(posts.title))) got.push_back(row.title + "/" + row.username);
    EXPECT_EQ(got, std::vector<std::string>{"b1/bob"});
}

TEST_P(join_test, self_join_through_aliases) {
    seed_org_chart();
    auto conn = db.connect();
    std::vector<std::pair<std::string, std::optional<std::string>>> got;
    for (const auto& row : conn.execute(with_managers)) got.emplace_back(row.name, row.get<"manager_name">());
    const std::vector<std::pair<std::string, std::optional<std::string>>> expected = {
        {"ann", std::nullopt}, {"ben", "ann"}, {"cid", "ann"}, {"dan", "ben"}, {"eve", "dan"}, {"fay", std::nullopt}};
    EXPECT_EQ(got, expected);

    std::vector<std::pair<std::string, std::string>> skip;
    for (const auto& row : conn.execute(skip_level)) skip.emplace_back(row.name, row.get<"grand_manager">());
    EXPECT_EQ(skip, (std::vector<std::pair<std::string, std::string>>{{"dan", "ann"}, {"eve", "ben"}}));
}

TEST_P(join_test, values_in_on_are_bound) {
    seed_blog();
    auto conn = db.connect();
    // the ON's LIKE pattern and the WHERE value are parameters, in text order
    const std::string d_pattern = "d%";
    auto statement = select(users.username, posts.title)
                         .select_from(users.join(posts, posts.user_id == users.id && posts.title.like(d_pattern)))
                         .where(posts.title != "d1");
    std::vector<std::string> titles;
    for (const auto& row : conn.execute(statement)) titles.push_back(row.title);
    std::sort(titles.begin(), titles.end());
    EXPECT_EQ(titles, (std::vector<std::string>{"d2", "d3", "d4", "d5", "d6"}));
}

}  // namespace
