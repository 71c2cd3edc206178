// DELETE executed: rowcount, all_rows(), RETURNING.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class delete_execution : public retort::test::sample_data_test {
protected:
    names remaining() { return conn->execute(select(users.username).order_by(users.id)).scalars(); }
};
RETORT_ALL_BACKENDS(delete_execution);

TEST_P(delete_execution, where_and_rowcount) {
    conn->execute(delete_from(posts).all_rows());
    EXPECT_EQ(conn->execute(delete_from(users).where(users.age < 30)).rowcount(), 2);
    EXPECT_EQ(remaining(), (names{"alice", "carol", "dave"}));
    EXPECT_EQ(conn->execute(delete_from(users).where(users.age < 30)).rowcount(), 0);
    EXPECT_EQ(conn->execute(delete_from(users).where(users.age == null).where(users.id == 3)).rowcount(), 1);
    EXPECT_EQ(remaining(), (names{"alice", "dave"}));
}

TEST_P(delete_execution, all_rows) {
    EXPECT_EQ(conn->execute(delete_from(posts).all_rows()).rowcount(), 3);
    EXPECT_EQ(conn->execute(delete_from(users).all_rows()).rowcount(), 5);
    EXPECT_EQ(remaining(), names{});
    conn->rollback();
    EXPECT_EQ(remaining().size(), 5u);
}

TEST_P(delete_execution, returning) {
    auto rows = conn->execute(delete_from(posts).where(posts.user_id == 1).returning(posts.id, posts.title)).all();
    ASSERT_EQ(rows.size(), 2u);
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    EXPECT_EQ(rows[0].title, "Hello");
    EXPECT_EQ(rows[1].title, "Draft: plans");
    EXPECT_EQ(conn->execute(select(posts.title)).scalars(), names{"News 100%"});
}

// A user with posts cannot go (posts.user_id references users.id).
TEST_P(delete_execution, refused_by_a_foreign_key) {
    EXPECT_THROW(conn->execute(delete_from(users).where(users.id == 1)), foreign_key_violation);
    conn->rollback();
    EXPECT_EQ(remaining().size(), 5u);
}

}  // namespace
