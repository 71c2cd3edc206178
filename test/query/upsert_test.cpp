// Upsert: INSERT ... ON CONFLICT (target) DO NOTHING / DO UPDATE SET ... [WHERE ...], with
// excluded(column) for the proposed value, on a unique column, the primary key and a
// two-column unique constraint; the same text on PostgreSQL and SQLite.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

// A view of a path: counted once per path however often it is sent.
inline auto first_view(const std::string& path) {
    return insert(page_views).values(page_views.path = path, page_views.views = 1).on_conflict(page_views.path).do_nothing();
}
static_assert(sql_text_v<postgresql, decltype(first_view(""))> ==
              R"(INSERT INTO "page_views" ("path", "views") VALUES ($1, $2) ON CONFLICT ("path") DO NOTHING RETURNING "id")");
static_assert(sql_text_v<sqlite, decltype(first_view(""))> ==
              R"(INSERT INTO "page_views" ("path", "views") VALUES (?, ?) ON CONFLICT ("path") DO NOTHING RETURNING "id")");

// Any conflict at all: no target.
constexpr auto any_conflict = insert(page_views).values(page_views.id = 1, page_views.path = "/", page_views.views = 0).on_conflict().do_nothing();
static_assert(sql_text<postgresql>(any_conflict) ==
              R"(INSERT INTO "page_views" ("id", "path", "views") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "id")");
static_assert(sql_text<sqlite>(any_conflict) == R"(INSERT INTO "page_views" ("id", "path", "views") VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING "id")");

// On SQLite too the key comes back with RETURNING: last_insert_rowid() would be stale when
// the row was updated or skipped.

// Add the proposed views to the stored ones, unless the stored count reached a cap.
inline auto count_views(const std::string& path, int views, int cap) {
    return insert(page_views)
        .values(page_views.path = path, page_views.views = views)
        .on_conflict(page_views.path)
        .do_update(page_views.views = page_views.views + excluded(page_views.views))
        .where(page_views.views < cap);
}
static_assert(sql_text_v<postgresql, decltype(count_views("", 0, 0))> ==
              R"(INSERT INTO "page_views" ("path", "views") VALUES ($1, $2) ON CONFLICT ("path") DO UPDATE SET "views" = "page_views"."views" + excluded."views" WHERE "page_views"."views" < $3 RETURNING "id")");
static_assert(sql_text_v<sqlite, decltype(count_views("", 0, 0))> ==
              R"(INSERT INTO "page_views" ("path", "views") VALUES (?, ?) ON CONFLICT ("path") DO UPDATE SET "views" = "page_views"."views" + excluded."views" WHERE "page_views"."views" < ? RETURNING "id")");

// On the primary key, several columns set, a value bound in SET.
constexpr auto rename_page = insert(page_views)
                                 .values(page_views.id = 1, page_views.path = "/new", page_views.views = 7)
                                 .on_conflict(page_views.id)
                                 .do_update(page_views.path = excluded(page_views.path), page_views.views = excluded(page_views.views) * 10);
static_assert(sql_text<postgresql>(rename_page) ==
              R"(INSERT INTO "page_views" ("id", "path", "views") VALUES ($1, $2, $3) ON CONFLICT ("id") DO UPDATE SET "path" = excluded."path", "views" = excluded."views" * $4 RETURNING "id")");
static_assert(sql_text<sqlite>(rename_page) ==
              R"(INSERT INTO "page_views" ("id", "path", "views") VALUES (?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "path" = excluded."path", "views" = excluded."views" * ? RETURNING "id")");

// A two-column unique constraint as the target.
inline auto cast_vote(int user, int post, int score) {
    return insert(votes)
        .values(votes.user_id = user, votes.post_id = post, votes.score = score)
        .on_conflict(votes.user_id, votes.post_id)
        .do_update(votes.score = excluded(votes.score));
}
static_assert(sql_text_v<sqlite, decltype(cast_vote(0, 0, 0))> ==
              R"(INSERT INTO "votes" ("user_id", "post_id", "score") VALUES (?, ?, ?) ON CONFLICT ("user_id", "post_id") DO UPDATE SET "score" = excluded."score" RETURNING "id")");

// Several rows in one statement.
constexpr auto two_pages = insert(page_views)
                               .values(page_views.path = "/a", page_views.views = 1)
                               .values(page_views.path = "/b", page_views.views = 1)
                               .on_conflict(page_views.path)
                               .do_update(page_views.views = page_views.views + 1);
static_assert(sql_text<postgresql>(two_pages) ==
              R"(INSERT INTO "page_views" ("path", "views") VALUES ($1, $2), ($3, $4) ON CONFLICT ("path") DO UPDATE SET "views" = "page_views"."views" + $5)");

class upsert_test : public retort::test::query_test {
protected:
    std::optional<int> views_of(connection& conn, const std::string& path) {
        return conn.execute(select(page_views.views).where(page_views.path == path)).scalar();
    }
};
RETORT_ALL_BACKENDS(upsert_test);

TEST_P(upsert_test, do_nothing_keeps_the_first_row) {
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(first_view("/home")).rowcount(), 1);
    EXPECT_EQ(conn.execute(first_view("/home")).rowcount(), 0);
    EXPECT_EQ(conn.execute(first_view("/about")).rowcount(), 1);
    EXPECT_EQ(views_of(conn, "/home"), 1);
    EXPECT_EQ(conn.execute(select(count()).select_from(page_views)).scalar_one(), 2);
    // no target: the primary key conflicts here
    EXPECT_EQ(conn.execute(any_conflict).rowcount(), 0);
    EXPECT_EQ(conn.execute(select(page_views.path).where(page_views.id == 1)).scalar_one(), "/home");
}

TEST_P(upsert_test, do_update_with_excluded_and_where) {
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(count_views("/home", 1, 10)).rowcount(), 1);  // inserted
    EXPECT_EQ(conn.execute(count_views("/home", 4, 10)).rowcount(), 1);  // updated: 1 + 4
    EXPECT_EQ(views_of(conn, "/home"), 5);
    EXPECT_EQ(conn.execute(count_views("/home", 6, 10)).rowcount(), 1);  // 5 < 10: 5 + 6
    EXPECT_EQ(views_of(conn, "/home"), 11);
    EXPECT_EQ(conn.execute(count_views("/home", 6, 10)).rowcount(), 0);  // 11 is not < 10: left alone
    EXPECT_EQ(views_of(conn, "/home"), 11);
    conn.commit();
    EXPECT_EQ(conn.execute(select(count()).select_from(page_views)).scalar_one(), 1);
}

TEST_P(upsert_test, on_the_primary_key) {
    auto conn = db.connect();
    conn.execute(insert(page_views).values(page_views.id = 1, page_views.path = "/old", page_views.views = 3));
    EXPECT_EQ(conn.execute(rename_page).rowcount(), 1);
    const auto row = conn.execute(select(page_views).where(page_views.id == 1)).one();
    EXPECT_EQ(row.path, "/new");
    EXPECT_EQ(row.views, 70);
}

TEST_P(upsert_test, on_a_two_column_unique_constraint) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    conn.execute(cast_vote(ids.bob, 1, 1));
    conn.execute(cast_vote(ids.bob, 2, 1));
    conn.execute(cast_vote(ids.bob, 1, -1));   // changes bob's vote on post 1
    conn.execute(cast_vote(ids.carol, 1, 1));  // another voter: a new row
    std::vector<std::tuple<int, int, int>> got;
    for (const auto& row : conn.execute(select(votes.user_id, votes.post_id, votes.score).order_by(votes.user_id, votes.post_id)))
        got.emplace_back(row.user_id, row.post_id, row.score);
    EXPECT_EQ(got, (std::vector<std::tuple<int, int, int>>{{ids.bob, 1, -1}, {ids.bob, 2, 1}, {ids.carol, 1, 1}}));
}

TEST_P(upsert_test, several_rows_in_one_statement) {
    auto conn = db.connect();
    conn.execute(first_view("/a"));
    EXPECT_EQ(conn.execute(two_pages).rowcount(), 2);  // /a updated, /b inserted
    EXPECT_EQ(views_of(conn, "/a"), 2);
    EXPECT_EQ(views_of(conn, "/b"), 1);
}

TEST_P(upsert_test, a_new_row_reports_its_key) {
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(first_view("/a")).inserted_primary_key(), 1);
    EXPECT_EQ(conn.execute(count_views("/b", 1, 10)).inserted_primary_key(), 2);
}

// The key of an upsert that updated is the updated row's.
TEST_P(upsert_test, an_updated_row_reports_its_own_key) {
    auto conn = db.connect();
    conn.execute(first_view("/a"));  // id 1
    conn.execute(first_view("/b"));  // id 2
    EXPECT_EQ(conn.execute(count_views("/a", 1, 10)).inserted_primary_key(), 1);
}

// An upsert that did nothing inserted no row: there is no key to report, on either database.
TEST_P(upsert_test, a_skipped_row_reports_no_key) {
    auto conn = db.connect();
    conn.execute(first_view("/a"));  // id 1
    conn.execute(first_view("/b"));  // id 2
    auto skipped = conn.execute(first_view("/a"));
    EXPECT_EQ(skipped.rowcount(), 0);
    EXPECT_THROW(skipped.inserted_primary_key(), invalid_request_error);
}

}  // namespace
