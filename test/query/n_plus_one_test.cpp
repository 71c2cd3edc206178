// The seed's N+1 example (section 6), done the three ways: one query per user (N+1), one
// outer-join query grouped in C++ (joinedload), two queries with an IN list (selectinload);
// and the post_count query with GROUP BY / HAVING. The statements actually run are counted
// with an on_before_execute listener.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

struct user_with_posts {
    int id = 0;
    std::string username;
    std::vector<std::string> titles;
    bool operator==(const user_with_posts&) const = default;
};

// joinedload: users and their posts in one query; a user without posts comes once, with NULLs.
constexpr auto users_then_posts = select(users.id, users.username, posts.title).select_from(users.outerjoin(posts)).order_by(users.id, posts.id);
static_assert(sql_text<postgresql>(users_then_posts) ==
              R"(SELECT "users"."id", "users"."username", "posts"."title" FROM "users" LEFT OUTER JOIN "posts" ON "users"."id" = "posts"."user_id" ORDER BY "users"."id" ASC, "posts"."id" ASC)");
static_assert(sql_text<sqlite>(users_then_posts) == sql_text<postgresql>(users_then_posts));

// selectinload: the users, then the posts of all of them at once.
constexpr auto all_users = select(users.id, users.username).order_by(users.id);
inline auto posts_of(const std::vector<int>& user_ids) {
    return select(posts.user_id, posts.title).where(posts.user_id.in_(user_ids)).order_by(posts.id);
}
static_assert(sql_text_v<postgresql, decltype(posts_of({}))> ==
              R"(SELECT "posts"."user_id", "posts"."title" FROM "posts" WHERE "posts"."user_id" = ANY($1) ORDER BY "posts"."id" ASC)");
static_assert(sql_text_v<sqlite, decltype(posts_of({}))> ==
              R"(SELECT "posts"."user_id", "posts"."title" FROM "posts" WHERE "posts"."user_id" IN (SELECT value FROM json_each(?)) ORDER BY "posts"."id" ASC)");

// The N+1 way: one query per user.
constexpr auto posts_of_one = select(posts.title).where(posts.user_id == bindparam<"user_id", integer>).order_by(posts.id);
static_assert(sql_text<postgresql>(posts_of_one) ==
              R"(SELECT "posts"."title" FROM "posts" WHERE "posts"."user_id" = $1 ORDER BY "posts"."id" ASC)");

// Users with more than five posts, counted by the database.
constexpr auto users_with_stats = select(users.username, count(posts.id).as<"post_count">())
                                      .select_from(users.outerjoin(posts))
                                      .group_by(users.id, users.username)
                                      .having(count(posts.id) > 5);
static_assert(sql_text<postgresql>(users_with_stats) ==
              R"(SELECT "users"."username", count("posts"."id") AS "post_count" FROM "users" LEFT OUTER JOIN "posts" ON "users"."id" = "posts"."user_id" GROUP BY "users"."id", "users"."username" HAVING count("posts"."id") > $1)");
static_assert(sql_text<sqlite>(users_with_stats) ==
              R"(SELECT "users"."username", count("posts"."id") AS "post_count" FROM "users" LEFT OUTER JOIN "posts" ON "users"."id" = "posts"."user_id" GROUP BY "users"."id", "users"."username" HAVING count("posts"."id") > ?)");

class n_plus_one_test : public retort::test::query_test {
protected:
    void SetUp() override {
        query_test::SetUp();
        if (IsSkipped() || HasFailure()) return;
        ids = seed_blog();
        db.on_before_execute([this](const statement_info&) { ++statements; });
    }

    std::vector<user_with_posts> expected() const {
        return {{ids.alice, "alice", {"a1", "a2", "a3"}},
                {ids.bob, "bob", {"b1"}},
                {ids.carol, "carol", {}},
                {ids.dave, "dave", {"d1", "d2", "d3", "d4", "d5", "d6"}}};
    }

    retort::test::blog_ids ids;
    int statements = 0;
};
RETORT_ALL_BACKENDS(n_plus_one_test);

TEST_P(n_plus_one_test, one_query_per_user_is_n_plus_one) {
    auto conn = db.connect();
    std::vector<user_with_posts> loaded;
    for (const auto& user : conn.execute(all_users).all()) {
        user_with_posts u{user.id, user.username, {}};
        u.titles = conn.execute(posts_of_one, arg<"user_id"> = user.id).scalars();
        loaded.push_back(std::move(u));
    }
    EXPECT_EQ(loaded, expected());
    EXPECT_EQ(statements, 1 + 4);
}

TEST_P(n_plus_one_test, one_join_query_grouped_in_cpp) {
    auto conn = db.connect();
    std::vector<user_with_posts> loaded;
    for (const auto& row : conn.execute(users_then_posts)) {
        if (loaded.empty() || loaded.back().id != row.id) loaded.push_back({row.id, row.username, {}});
        if (row.title) loaded.back().titles.push_back(*row.title);  // NULL: a user without posts
    }
    EXPECT_EQ(loaded, expected());
    EXPECT_EQ(statements, 1);
}

TEST_P(n_plus_one_test, two_queries_with_an_in_list) {
    auto conn = db.connect();
    std::vector<user_with_posts> loaded;
    std::map<int, std::size_t> position;
    std::vector<int> user_ids;
    for (const auto& user : conn.execute(all_users)) {
        position[user.id] = loaded.size();
        user_ids.push_back(user.id);
        loaded.push_back({user.id, user.username, {}});
    }
    for (const auto& post : conn.execute(posts_of(user_ids))) loaded[position.at(post.user_id)].titles.push_back(post.title);
    EXPECT_EQ(loaded, expected());
    EXPECT_EQ(statements, 2);
}

TEST_P(n_plus_one_test, post_count_with_having) {
    auto conn = db.connect();
    std::vector<std::pair<std::string, std::int64_t>> got;
    for (const auto& row : conn.execute(users_with_stats)) got.emplace_back(row.username, row.get<"post_count">());
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::int64_t>>{{"dave", 6}}));
    EXPECT_EQ(statements, 1);

    // every user's count, carol's zero included, still one statement
    std::map<std::string, std::int64_t> counts;
    for (const auto& row : conn.execute(select(users.username, count(posts.id).as<"post_count">())
                                            .select_from(users.outerjoin(posts))
                                            .group_by(users.id, users.username)))
        counts[row.username] = row.get<"post_count">();
    EXPECT_EQ(counts, (std::map<std::string, std::int64_t>{{"alice", 3}, {"bob", 1}, {"carol", 0}, {"dave", 6}}));
    EXPECT_EQ(statements, 2);
}

}  // namespace
