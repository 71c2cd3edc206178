// Conditions chosen at run time: dynamic_and / dynamic_or with 0, 1 or many conditions.
// The statement's text is rendered at run time (one text per shape, values still bound);
// its rows are typed like any other statement's.
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

// What a search form may send.
struct user_search {
    std::optional<std::string> name_like{};
    std::optional<int> min_age{};
    std::optional<int> max_age{};
};

inline auto user_filters(const user_search& search) {
    auto filters = dynamic_and(users);
    if (search.name_like) filters.add(users.username.like(*search.name_like));
    if (search.min_age) filters.add(users.age >= *search.min_age);
    if (search.max_age) filters.add(users.age <= *search.max_age);
    return filters;
}
inline auto search_users(const user_search& search) {
    return select(users).where(user_filters(search)).order_by(users.username);
}
using search_statement = decltype(search_users({}));
// no compile-time text: the shape depends on the run
static_assert(statement_text<postgresql, search_statement>::dynamic);
static_assert(statement_text<sqlite, search_statement>::dynamic);
// rows typed all the same
static_assert(std::is_same_v<decltype(search_statement::row_type{}.age), std::optional<std::int32_t>>);
static_assert(std::is_same_v<decltype(search_statement::row_type{}.username), std::string>);

constexpr std::string_view all_columns = R"(SELECT "users"."id", "users"."username", "users"."email", "users"."age" FROM "users")";

class dynamic_test : public retort::test::query_test {
protected:
    std::vector<std::string> names(const user_search& search) {
        auto conn = db.connect();
        std::vector<std::string> found;
        for (const auto& row : conn.execute(search_users(search))) found.push_back(row.username);
        return found;
    }
};
RETORT_ALL_BACKENDS(dynamic_test);

TEST(dynamic_text, no_condition_means_every_row) {
    const auto statement = search_users({});
    EXPECT_EQ(render_runtime<postgresql>(statement), std::string(all_columns) + R"( WHERE 1 = 1 ORDER BY "users"."username" ASC)");
    EXPECT_EQ(render_runtime<sqlite>(statement), std::string(all_columns) + R"( WHERE 1 = 1 ORDER BY "users"."username" ASC)");
    EXPECT_EQ(retort::test::bound_values(statement), std::vector<std::string>{});
}

TEST(dynamic_text, one_and_many_conditions) {
    const auto one = search_users({.min_age = 26});
    EXPECT_EQ(render_runtime<postgresql>(one), std::string(all_columns) + R"( WHERE ("users"."age" >= $1) ORDER BY "users"."username" ASC)");
    EXPECT_EQ(render_runtime<sqlite>(one), std::string(all_columns) + R"( WHERE ("users"."age" >= ?) ORDER BY "users"."username" ASC)");
    const auto three = search_users({.name_like = "%a%", .min_age = 26, .max_age = 40});
    EXPECT_EQ(render_runtime<postgresql>(three),
              std::string(all_columns) +
                  R"( WHERE ("users"."username" LIKE $1) AND ("users"."age" >= $2) AND ("users"."age" <= $3) ORDER BY "users"."username" ASC)");
    EXPECT_EQ(render_runtime<sqlite>(three),
              std::string(all_columns) +
                  R"( WHERE ("users"."username" LIKE ?) AND ("users"."age" >= ?) AND ("users"."age" <= ?) ORDER BY "users"."username" ASC)");
    EXPECT_EQ(retort::test::bound_values(three), (std::vector<std::string>{"'%a%'", "26", "40"}));
}

TEST(dynamic_text, or_and_static_conditions_around_it) {
    auto any = dynamic_or(users, posts);
    const auto none = select(users.username, posts.title).select_from(users.join(posts)).where(posts.id > 0).where(any).where(users.age != null);
    EXPECT_EQ(render_runtime<postgresql>(none),
              R"(SELECT "users"."username", "posts"."title" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" WHERE "posts"."id" > $1 AND (1 = 0) AND "users"."age" IS NOT NULL)");
    any.add(users.username == "bob").add(posts.title.like("d%"));
    const auto two = select(users.username, posts.title).select_from(users.join(posts)).where(posts.id > 0).where(any).where(users.age != null);
    EXPECT_EQ(render_runtime<postgresql>(two),
              R"(SELECT "users"."username", "posts"."title" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" WHERE "posts"."id" > $1 AND (("users"."username" = $2) OR ("posts"."title" LIKE $3)) AND "users"."age" IS NOT NULL)");
    EXPECT_EQ(render_runtime<sqlite>(two),
              R"(SELECT "users"."username", "posts"."title" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" WHERE "posts"."id" > ? AND (("users"."username" = ?) OR ("posts"."title" LIKE ?)) AND "users"."age" IS NOT NULL)");
    EXPECT_EQ(retort::test::bound_values(two), (std::vector<std::string>{"0", "'bob'", "'d%'"}));
}

TEST_P(dynamic_test, zero_one_and_many_and_filters) {
    seed_blog();
    EXPECT_EQ(names({}), (std::vector<std::string>{"alice", "bob", "carol", "dave"}));
    EXPECT_EQ(names({.min_age = 26}), (std::vector<std::string>{"alice", "dave"}));
    EXPECT_EQ(names({.name_like = "%a%", .max_age = 35}), (std::vector<std::string>{"alice"}));
    EXPECT_EQ(names({.name_like = "%o%", .min_age = 20, .max_age = 30}), (std::vector<std::string>{"bob"}));
    EXPECT_EQ(names({.min_age = 50}), std::vector<std::string>{});
}

TEST_P(dynamic_test, or_filters_over_a_join) {
    seed_blog();
    auto conn = db.connect();
    auto run = [&](const auto& condition) {
        std::vector<std::string> found;
        for (const auto& row : conn.execute(select(users.username, posts.title).select_from(users.join(posts)).where(condition).order_by(posts.title)))
            found.push_back(row.username + "/" + row.title);
        return found;
    };
    auto any = dynamic_or(users, posts);
    EXPECT_EQ(run(any), std::vector<std::string>{});  // OR of nothing is false
    any.add(users.username == "bob");
    EXPECT_EQ(run(any), std::vector<std::string>{"bob/b1"});
    any.add(posts.title.in_("a2", "d5"));
    EXPECT_EQ(run(any), (std::vector<std::string>{"alice/a2", "bob/b1", "dave/d5"}));
}

TEST_P(dynamic_test, each_shape_runs_its_own_text) {
    seed_blog();
    std::vector<std::string> texts;
    db.on_before_execute([&](const statement_info& info) { texts.emplace_back(info.sql); });
    auto conn = db.connect();
    // the same shapes twice, interleaved, on one connection: no text is mistaken for another
    for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(conn.execute(search_users({.min_age = 26})).all().size(), 2u);
        EXPECT_EQ(conn.execute(search_users({.name_like = "%e%", .min_age = 26})).all().size(), 2u);
        EXPECT_EQ(conn.execute(search_users({})).all().size(), 4u);
    }
    ASSERT_EQ(texts.size(), 6u);
    EXPECT_NE(texts[0], texts[1]);
    EXPECT_NE(texts[1], texts[2]);
    EXPECT_EQ(texts[0], texts[3]);
    EXPECT_EQ(texts[2], texts[5]);
    EXPECT_EQ(texts[2], render_runtime<postgresql>(search_users({})));  // no placeholders: the same on both
}

TEST_P(dynamic_test, in_update_and_delete) {
    seed_blog();
    auto conn = db.connect();
    auto alice = dynamic_and(users);
    alice.add(users.username == "alice").add(users.age > 1);
    EXPECT_EQ(conn.execute(update(users).set(users.age = users.age + 1).where(alice)).rowcount(), 1);
    EXPECT_EQ(conn.execute(select(users.age).where(users.username == "alice")).scalar_one(), 31);

    auto carol = dynamic_or(users);
    carol.add(users.username == "carol");
    EXPECT_EQ(conn.execute(delete_from(users).where(carol)).rowcount(), 1);
    conn.commit();

    // alice has posts: the foreign key refuses, and the error carries the run-time text and values
    try {
        conn.execute(delete_from(users).where(alice));
        ADD_FAILURE() << "deleting a user with posts succeeded";
    } catch (const foreign_key_violation& e) {
        EXPECT_NE(e.sql().find(R"(WHERE ("users"."username" = )"), std::string::npos) << e.sql();
        EXPECT_EQ(e.params(), (std::vector<std::string>{"'alice'", "1"}));
    }
    conn.rollback();
    EXPECT_EQ(conn.execute(select(count()).select_from(users)).scalar_one(), 3);
}

}  // namespace
