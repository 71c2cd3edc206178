// DISTINCT on both dialects; DISTINCT ON on PostgreSQL, and not_supported_error when an
// engine chosen by URL is SQLite (sql_text<sqlite> of it is a compile error: see
// test/compile_fail/distinct_on_sqlite.cpp).
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

constexpr auto authors = select(posts.user_id).distinct().order_by(posts.user_id);
static_assert(sql_text<postgresql>(authors) == R"(SELECT DISTINCT "posts"."user_id" FROM "posts" ORDER BY "posts"."user_id" ASC)");
static_assert(sql_text<sqlite>(authors) == sql_text<postgresql>(authors));

constexpr auto distinct_pairs = select(users.username, posts.user_id).distinct().select_from(users.join(posts)).where(posts.title != "x");
static_assert(sql_text<postgresql>(distinct_pairs) ==
              R"(SELECT DISTINCT "users"."username", "posts"."user_id" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" WHERE "posts"."title" != $1)");

// Each author's last title: DISTINCT ON keeps the first row per user_id in ORDER BY order.
constexpr auto last_titles = select(posts.user_id, posts.title).distinct_on(posts.user_id).order_by(posts.user_id, posts.title.desc());
static_assert(sql_text<postgresql>(last_titles) ==
              R"(SELECT DISTINCT ON ("posts"."user_id") "posts"."user_id", "posts"."title" FROM "posts" ORDER BY "posts"."user_id" ASC, "posts"."title" DESC)");
static_assert(!statement_text<sqlite, std::remove_cvref_t<decltype(last_titles)>>::supported);
static_assert(statement_text<sqlite, std::remove_cvref_t<decltype(last_titles)>>::unsupported == "DISTINCT ON");

// DISTINCT ON over an expression; ORDER BY must start with the same expression (PostgreSQL
// compares them as written, so they hold no bound values).
constexpr auto one_per_length = select(users.username, concat(users.username, "!").as<"shout">())
                                    .distinct_on(length(users.username))
                                    .order_by(length(users.username), users.username);
static_assert(sql_text<postgresql>(one_per_length) ==
              R"(SELECT DISTINCT ON (length("users"."username")) "users"."username", "users"."username" || $1 AS "shout" FROM "users" ORDER BY length("users"."username") ASC, "users"."username" ASC)");

class distinct_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(distinct_test);

TEST_P(distinct_test, distinct_removes_duplicate_rows) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(authors).scalars(), (std::vector<std::int32_t>{ids.alice, ids.bob, ids.dave}));
    EXPECT_EQ(conn.execute(distinct_pairs).all().size(), 3u);
}

TEST_P(distinct_test, distinct_on_is_postgresql_only) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    if (!is_postgresql()) {
        EXPECT_THROW(conn.execute(last_titles), not_supported_error);
        try {
            conn.execute(last_titles);
        } catch (const not_supported_error& e) {
            EXPECT_EQ(std::string(e.what()), "sqlite does not support DISTINCT ON");
        }
        // nothing ran: the connection is still usable
        EXPECT_EQ(conn.execute(select(count()).select_from(posts)).scalar_one(), 10);
        return;
    }
    std::vector<std::pair<int, std::string>> got;
    for (const auto& row : conn.execute(last_titles)) got.emplace_back(row.user_id, row.title);
    EXPECT_EQ(got, (std::vector<std::pair<int, std::string>>{{ids.alice, "a3"}, {ids.bob, "b1"}, {ids.dave, "d6"}}));

    conn.execute(insert(users).values(users.username = "ann", users.email = "ann@example.com"));
    std::vector<std::string> shouts;
    for (const auto& row : conn.execute(one_per_length)) shouts.push_back(row.get<"shout">());
    // per length the first name: ann (3) before bob, dave (4), alice (5) before carol
    EXPECT_EQ(shouts, (std::vector<std::string>{"ann!", "dave!", "alice!"}));
}

}  // namespace
