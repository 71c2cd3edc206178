// Statements PostgreSQL accepts that the compile-time rules once refused or mistyped (each
// compiles here; the file not compiling is the failure), run on every backend; and the
// types the rules give: UNION columns unified as PostgreSQL does, coalesce with a fallback
// over an outer join not optional. Also LIKE ... ESCAPE.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

template <class Statement, fixed_string Name>
using field_t = std::remove_cvref_t<decltype(typename Statement::row_type{}.template get<Name>())>;

// One CTE in FROM and in a scalar subquery of the same statement: declared once, by the WITH
// of the statement that holds both.
constexpr auto older_than_26 = select(users.id, users.age).where(users.age > 26).cte<"older">();
constexpr auto older_with_count =
    select(older_than_26.c<"id">, select(count()).select_from(older_than_26).scalar_subquery().as<"n">()).select_from(older_than_26).with_(older_than_26).order_by(older_than_26.c<"id">);
static_assert(sql_text<postgresql>(older_with_count) ==
              R"(WITH "older" AS (SELECT "users"."id", "users"."age" FROM "users" WHERE "users"."age" > $1) SELECT "older"."id", (SELECT count(*) FROM "older") AS "n" FROM "older" ORDER BY "id" ASC)");

// coalesce(nullable side of an outer join, not-null fallback) is not NULL.
constexpr auto titles_or_none = select(users.username, coalesce(posts.title, "(none)").as<"title">())
                                    .select_from(users.outerjoin(posts))
                                    .where(users.username == "carol");
static_assert(std::is_same_v<field_t<decltype(titles_or_none), "title">, std::string>);
// ... while the nullable side itself still is.
static_assert(std::is_same_v<field_t<decltype(select(users.username, posts.title.as<"title">()).select_from(users.outerjoin(posts))), "title">,
                             std::optional<std::string>>);

// UNION of an integer and a double precision column is double precision.
constexpr auto ages_and_mean = select(users.age.as<"n">())
                                   .where(users.username == "alice")
                                   .union_all(select(avg(posts.id).as<"n">()).where(posts.user_id == bindparam<"author", integer>));
static_assert(std::is_same_v<field_t<decltype(ages_and_mean), "n">, std::optional<double>>);

// CASE with an integer THEN and a double precision ELSE is double precision.
constexpr auto age_or_mean = select(case_(when(users.age > 26, users.age)).else_(avg(posts.id)).as<"v">())
                                 .select_from(users.join(posts))
                                 .group_by(users.id);
static_assert(std::is_same_v<field_t<decltype(age_or_mean), "v">, std::optional<double>>);
static_assert(std::is_same_v<field_t<decltype(select(case_(when(users.age > 26, users.id)).else_(0).as<"v">())), "v">, std::int32_t>);

// LIKE with an ESCAPE character: % and _ searched literally, the same text on both dialects.
constexpr auto percent_names = select(users.username).where(users.username.like("100\\%\\_%").escape('\\'));
static_assert(sql_text<postgresql>(percent_names) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."username" LIKE $1 ESCAPE $2)");
static_assert(sql_text<sqlite>(percent_names) ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."username" LIKE ? ESCAPE ?)");
constexpr auto percent_names_any_case = select(users.username).where(users.username.ilike("100!%%").escape('!'));
static_assert(sql_text<sqlite>(percent_names_any_case) ==
              R"(SELECT "users"."username" FROM "users" WHERE lower("users"."username") LIKE lower(?) ESCAPE ?)");

// Statements beside the rules that refuse their wrong twins (each must keep compiling).
// A grouped query's correlated subquery using a column grouped by its table's key.
constexpr auto posts_per_user = select(users.id, users.username,
                                       select(count()).select_from(posts).where(posts.user_id == users.id).scalar_subquery().as<"n">())
                                    .group_by(users.id)
                                    .order_by(users.id);
static_assert(sql_text<postgresql>(posts_per_user) ==
              R"(SELECT "users"."id", "users"."username", (SELECT count(*) FROM "posts" WHERE "posts"."user_id" = "users"."id") AS "n" FROM "users" GROUP BY "users"."id" ORDER BY "users"."id" ASC)");
// ... and one reading a CTE of the enclosing WITH in its own FROM: its columns are not outer columns.
static_assert(sql_text<postgresql>(select(older_than_26.c<"id">, select(max(older_than_26.c<"age">)).select_from(older_than_26).scalar_subquery().as<"oldest">())
                                       .select_from(older_than_26)
                                       .with_(older_than_26)
                                       .group_by(older_than_26.c<"id">)) ==
              R"(WITH "older" AS (SELECT "users"."id", "users"."age" FROM "users" WHERE "users"."age" > $1) SELECT "older"."id", (SELECT max("older"."age") FROM "older") AS "oldest" FROM "older" GROUP BY "older"."id")");
// DISTINCT ON's expressions lead ORDER BY in another order, then more items follow.
static_assert(sql_text<postgresql>(select(users.username, users.age).distinct_on(users.username, users.age).order_by(users.age.desc(), users.username, users.id)) ==
              R"(SELECT DISTINCT ON ("users"."username", "users"."age") "users"."username", "users"."age" FROM "users" ORDER BY "users"."age" DESC, "users"."username" ASC, "users"."id" ASC)");
// ORDER BY a selected label.
static_assert(sql_text<postgresql>(select(users.username, users.age.as<"years">()).order_by(users.age.as<"years">().desc())) ==
              R"(SELECT "users"."username", "users"."age" AS "years" FROM "users" ORDER BY "years" DESC)");
// FOR UPDATE over an inner join.
static_assert(sql_text<postgresql>(select(users.username, posts.title).select_from(users.join(posts)).with_for_update()) ==
              R"(SELECT "users"."username", "posts"."title" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" FOR UPDATE)");
// Casts PostgreSQL has: integer to boolean and back, a number to text and text to a number.
static_assert(sql_text<postgresql>(select(cast<boolean>(users.age), cast<integer>(users.age > 3), cast<integer>(cast<text>(users.id)))) ==
              R"(SELECT CAST("users"."age" AS BOOLEAN), CAST("users"."age" > $1 AS INTEGER), CAST(CAST("users"."id" AS TEXT) AS INTEGER) FROM "users")");
// A subquery's columns of one name labelled apart, then selected whole.
constexpr auto id_pairs = select(users.id, posts.id.as<"post_id">()).select_from(users.join(posts)).subquery<"pairs">();
static_assert(sql_text<postgresql>(select(id_pairs).select_from(id_pairs)) ==
              R"(SELECT "pairs"."id", "pairs"."post_id" FROM (SELECT "users"."id", "posts"."id" AS "post_id" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id") AS "pairs")");
// INSERT ... VALUES with an uncorrelated scalar subquery; a NOT NULL column set from itself and
// a bindparam, and from a nullable column with a fallback.
static_assert(sql_text<postgresql>(insert(posts).values(posts.title = "t", posts.content = "c",
                                                         posts.user_id = select(max(users.id)).scalar_subquery())) ==
              R"(INSERT INTO "posts" ("title", "content", "user_id") VALUES ($1, $2, (SELECT max("users"."id") FROM "users")) RETURNING "id")");
static_assert(sql_text<postgresql>(update(employees)
                                       .set(employees.salary = employees.salary + bindparam<"raise", integer>,
                                            employees.id = coalesce(employees.manager_id, 0))
                                       .where(employees.id == 1)) ==
              R"(UPDATE "employees" SET "salary" = "employees"."salary" + $1, "id" = coalesce("employees"."manager_id", $2) WHERE "employees"."id" = $3)");

class accepted_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(accepted_test);

TEST_P(accepted_test, cte_in_from_and_in_a_scalar_subquery) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<std::int32_t, std::optional<std::int64_t>>> got;
    for (const auto& row : conn.execute(older_with_count)) got.emplace_back(row.get<0>(), row.get<"n">());
    // alice (30) and dave (41) are older_than_26 than 26; each row counts both
    EXPECT_EQ(got, (std::vector<std::pair<std::int32_t, std::optional<std::int64_t>>>{{ids.alice, 2}, {ids.dave, 2}}));
}

TEST_P(accepted_test, grouped_query_with_a_correlated_subquery_on_its_key) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    std::vector<std::pair<std::int32_t, std::optional<std::int64_t>>> got;
    for (const auto& row : conn.execute(posts_per_user)) got.emplace_back(row.get<0>(), row.get<"n">());
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got.front().first, std::min({ids.alice, ids.bob, ids.carol, ids.dave}));
    const auto carol = std::find_if(got.begin(), got.end(), [&](const auto& p) { return p.first == ids.carol; });
    ASSERT_NE(carol, got.end());
    EXPECT_EQ(carol->second, std::optional<std::int64_t>(0));  // carol has no posts
}

TEST_P(accepted_test, varchar_counts_characters_not_bytes) {
    auto conn = db.connect();
    // 30 characters of two bytes each: 60 bytes, within varchar<50>
    conn.execute(insert(users).values(users.username = "éééééééééééééééééééééééééééééé", users.email = "e@example.com"));
    conn.commit();
    const auto name = conn.execute(select(users.username).where(users.email == "e@example.com")).scalar_one();
    EXPECT_EQ(name.size(), 60u);
}

TEST_P(accepted_test, char_buffer_assigned_by_its_text) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    char name[64] = "bobby";  // a buffer of 64 for a varchar<50> column: its text is what counts
    EXPECT_EQ(conn.execute(update(users).set(users.username = name).where(users.id == ids.bob)).rowcount(), 1);
    conn.commit();
    EXPECT_EQ(conn.execute(select(users.username).where(users.id == ids.bob)).scalar_one(), std::string("bobby"));
}

TEST_P(accepted_test, coalesce_over_an_outer_join_reads_a_plain_value) {
    seed_blog();
    auto conn = db.connect();
    const auto row = conn.execute(titles_or_none).one();
    const std::string& title = row.get<"title">();
    EXPECT_EQ(title, "(none)");  // carol has no posts
}

TEST_P(accepted_test, union_of_integer_and_double_reads_doubles) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    std::vector<std::optional<double>> got;
    for (const auto& row : conn.execute(ages_and_mean, arg<"author"> = ids.bob)) got.push_back(row.get<"n">());
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0], std::optional<double>(30.0));
    ASSERT_TRUE(got[1].has_value());  // bob's single post: the mean is its id
    EXPECT_GT(*got[1], 0.0);
}

TEST_P(accepted_test, like_escape_searches_percent_and_underscore_literally) {
    auto conn = db.connect();
    conn.execute(insert(users).values(users.username = "100%_done", users.email = "a@example.com"));
    conn.execute(insert(users).values(users.username = "100 percent", users.email = "b@example.com"));
    conn.execute(insert(users).values(users.username = "100%X", users.email = "c@example.com"));
    conn.commit();
    EXPECT_EQ(conn.execute(percent_names).scalars(), (std::vector<std::string>{"100%_done"}));
    auto any_case = conn.execute(percent_names_any_case).scalars();
    std::sort(any_case.begin(), any_case.end());
    EXPECT_EQ(any_case, (std::vector<std::string>{"100%X", "100%_done"}));
}

}  // namespace
