// metadata.create_all / drop_all on real databases, and the tables they make at work:
// keys, database-side defaults, foreign keys with their actions.
#include <chrono>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "schema/database_fixture.hpp"
#include "schema/schema.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;

const auto schema = metadata{comments, members, posts, teams, users};

class create_all : public retort::test::database_test {};
RETORT_ALL_BACKENDS(create_all);

TEST_P(create_all, twice_with_checkfirst_then_drop_all) {
    schema.create_all(db);
    schema.create_all(db);  // IF NOT EXISTS: nothing to do
    {
        auto conn = db.connect();
        EXPECT_TRUE(conn.execute(select(teams)).all().empty());
        EXPECT_TRUE(conn.execute(select(comments)).all().empty());
    }
    // without checkfirst the tables exist already; nothing is half done
    EXPECT_THROW(schema.create_all(db, false), programming_error);
    schema.drop_all(db);
    schema.drop_all(db);  // IF EXISTS: nothing to do
    EXPECT_THROW(schema.drop_all(db, false), programming_error);
    auto conn = db.connect();
    EXPECT_THROW(conn.execute(select(users)).all(), programming_error);
}

TEST_P(create_all, after_drop_all_creates_afresh) {
    schema.create_all(db);
    {
        auto conn = db.connect();
        conn.execute(insert(users).values(users.username = "a", users.email = "a@example.com"));
        conn.commit();
    }
    schema.drop_all(db);
    schema.create_all(db, false);
    auto conn = db.connect();
    EXPECT_TRUE(conn.execute(select(users)).all().empty());
}

// index, index_on and unique_index_on made their indexes.
TEST_P(create_all, indexes) {
    schema.create_all(db);
    auto conn = db.connect();
    const std::string catalog = is_postgresql() ? "SELECT count(*) FROM pg_indexes WHERE indexname = '"
                                                : "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '";
    for (const char* name : {"ix_teams_name", "ix_teams_plan_seats", "ux_teams_code"})
        EXPECT_EQ(retort::test::query_int(conn, catalog + name + "'"), 1) << name;
    EXPECT_EQ(retort::test::query_int(conn, catalog + "ix_teams_nothing'"), 0);
}

TEST_P(create_all, integer_keys_count_up) {
    schema.create_all(db);
    auto conn = db.connect();
    auto first = conn.execute(insert(users).values(users.username = "a", users.email = "a@example.com"));
    auto second = conn.execute(insert(users).values(users.username = "b", users.email = "b@example.com"));
    EXPECT_EQ(first.inserted_primary_key(), 1);
    EXPECT_EQ(second.inserted_primary_key(), 2);
    auto post = conn.execute(insert(posts).values(posts.title = "t", posts.content = "c", posts.user_id = 2));
    auto comment = conn.execute(insert(comments).values(comments.post_id = post.inserted_primary_key(), comments.body = "hi"));
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(comment.inserted_primary_key())>, std::int64_t>);
    EXPECT_EQ(comment.inserted_primary_key(), 1);
    // a key given explicitly is taken, and the next generated one does not collide on SQLite
    conn.execute(insert(users).values(users.id = 10, users.username = "c", users.email = "c@example.com"));
    conn.commit();
    EXPECT_EQ(conn.execute(select(users.id).order_by(users.id)).scalars(), (std::vector<std::int32_t>{1, 2, 10}));
}

TEST_P(create_all, database_side_defaults) {
    schema.create_all(db);
    auto conn = db.connect();
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const int id = conn.execute(insert(teams).values(teams.name = "core")).inserted_primary_key();
    conn.commit();
    const auto team = conn.execute(select(teams).where(teams.id == id)).one();
    EXPECT_EQ(team.plan, "free");
    EXPECT_EQ(team.seats, 5);
    EXPECT_EQ(team.discount, 0.25);
    EXPECT_EQ(team.active, true);
    EXPECT_EQ(team.code, "NEW");
    // CURRENT_TIMESTAMP, in UTC on both
    EXPECT_GE(team.created_at, before - std::chrono::seconds(1));
    EXPECT_LE(team.created_at, std::chrono::system_clock::now() + std::chrono::seconds(1));
    // a member's role defaults in the database
    const int user = conn.execute(insert(users).values(users.username = "u", users.email = "u@example.com")).inserted_primary_key();
    conn.execute(insert(members).values(members.user_id = user, members.team_id = id, members.seat = 1));
    EXPECT_EQ(conn.execute(select(members.role)).scalar_one(), "member");
}

TEST_P(create_all, foreign_keys_are_enforced) {
    schema.create_all(db);
    auto conn = db.connect();
    EXPECT_THROW(conn.execute(insert(posts).values(posts.title = "t", posts.content = "c", posts.user_id = 999)),
                 foreign_key_violation);
    conn.rollback();
    EXPECT_TRUE(conn.execute(select(posts)).all().empty());
}

TEST_P(create_all, foreign_key_actions) {
    schema.create_all(db);
    auto conn = db.connect();
    const int writer = conn.execute(insert(users).values(users.username = "writer", users.email = "w@example.com")).inserted_primary_key();
    const int reader = conn.execute(insert(users).values(users.username = "reader", users.email = "r@example.com")).inserted_primary_key();
    const int team = conn.execute(insert(teams).values(teams.name = "t")).inserted_primary_key();
    conn.execute(insert(members).values(members.user_id = reader, members.team_id = team, members.seat = 1));
    const int post = conn.execute(insert(posts).values(posts.title = "p", posts.content = "c", posts.user_id = writer)).inserted_primary_key();
    conn.execute(insert(comments).values(comments.post_id = post, comments.author_id = reader, comments.body = "nice"));
    conn.commit();

    // ON DELETE RESTRICT: a team with members stays
    EXPECT_THROW(conn.execute(delete_from(teams).where(teams.id == team)), foreign_key_violation);
    conn.rollback();
    // NO ACTION: a user with posts stays
    EXPECT_THROW(conn.execute(delete_from(users).where(users.id == writer)), foreign_key_violation);
    conn.rollback();

    // ON UPDATE CASCADE: the members follow the team's new key
    conn.execute(update(teams).set(teams.id = 77).where(teams.id == team));
    EXPECT_EQ(conn.execute(select(members.team_id)).scalar_one(), 77);

    // ON DELETE CASCADE (members) and SET NULL (comments.author_id)
    EXPECT_EQ(conn.execute(delete_from(users).where(users.id == reader)).rowcount(), 1);
    EXPECT_TRUE(conn.execute(select(members)).all().empty());
    EXPECT_EQ(conn.execute(select(comments.author_id)).scalar_one(), std::nullopt);

    // ON DELETE CASCADE (comments of a post)
    conn.execute(delete_from(posts).where(posts.id == post));
    EXPECT_TRUE(conn.execute(select(comments)).all().empty());
    conn.commit();
}

}  // namespace
