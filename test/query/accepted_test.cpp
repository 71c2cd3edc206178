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
