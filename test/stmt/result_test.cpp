// What conn.execute() returns: all, first, one, one_or_none, scalar, scalar_one,
// scalar_one_or_none, scalars, rowcount, iteration.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class result_api : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(result_api);

const auto by_age = select(users.username, users.age).where(users.age > bindparam<"min", integer>).order_by(users.id);

TEST_P(result_api, all) {
    const auto rows = conn->execute(by_age, arg<"min"> = 20).all();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].username, "alice");
    EXPECT_EQ(rows[2].age, 41);
    EXPECT_TRUE(conn->execute(by_age, arg<"min"> = 100).all().empty());
}

TEST_P(result_api, first) {
    const auto row = conn->execute(by_age, arg<"min"> = 20).first();
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->username, "alice");
    EXPECT_FALSE(conn->execute(by_age, arg<"min"> = 100).first().has_value());
}

TEST_P(result_api, one) {
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 40).one().username, "dave");
    EXPECT_THROW(conn->execute(by_age, arg<"min"> = 100).one(), no_result_found);
    EXPECT_THROW(conn->execute(by_age, arg<"min"> = 20).one(), multiple_results_found);
    // the connection goes on working
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 40).one().age, 41);
}

TEST_P(result_api, one_or_none) {
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 40).one_or_none()->username, "dave");
    EXPECT_FALSE(conn->execute(by_age, arg<"min"> = 100).one_or_none().has_value());
    try {
        conn->execute(by_age, arg<"min"> = 20).one_or_none();
        FAIL() << "no multiple_results_found";
    } catch (const multiple_results_found& e) {
        EXPECT_NE(std::string(e.what()).find("SELECT \"users\".\"username\""), std::string::npos) << e.what();
    }
}

TEST_P(result_api, scalars) {
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 20).scalars(), (names{"alice", "bob", "dave"}));
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 20).scalar(), "alice");
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 100).scalar(), std::nullopt);
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 40).scalar_one(), "dave");
    EXPECT_THROW(conn->execute(by_age, arg<"min"> = 100).scalar_one(), no_result_found);
    EXPECT_THROW(conn->execute(by_age, arg<"min"> = 20).scalar_one(), multiple_results_found);
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 40).scalar_one_or_none(), "dave");
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 100).scalar_one_or_none(), std::nullopt);
    EXPECT_THROW(conn->execute(by_age, arg<"min"> = 20).scalar_one_or_none(), multiple_results_found);
}

// scalar() of a NULL is empty, as of no row; scalar_one() keeps the column's optional.
TEST_P(result_api, scalar_of_a_nullable_column) {
    const auto age_of = select(users.age).where(users.username == bindparam<"name", text>);
    EXPECT_EQ(conn->execute(age_of, arg<"name"> = "carol").scalar(), std::nullopt);
    EXPECT_EQ(conn->execute(age_of, arg<"name"> = "bob").scalar(), 25);
    const std::optional<std::int32_t> carol = conn->execute(age_of, arg<"name"> = "carol").scalar_one();
    EXPECT_EQ(carol, std::nullopt);
    EXPECT_THROW(conn->execute(age_of, arg<"name"> = "nobody").scalar_one(), no_result_found);
}

TEST_P(result_api, iteration_is_single_pass) {
    auto result = conn->execute(by_age, arg<"min"> = 0);
    names seen;
    for (const auto& row : result) {
        seen.push_back(row.username);
        if (seen.size() == 2) break;
    }
    // iterating again continues where the first loop stopped
    for (const auto& row : result) seen.push_back(row.username);
    EXPECT_EQ(seen, (names{"alice", "bob", "dave", "Eve"}));
    EXPECT_TRUE(result.all().empty());
}

TEST_P(result_api, rowcount) {
    EXPECT_EQ(conn->execute(update(users).set(users.age = 1).where(users.age < 30)).rowcount(), 2);
    EXPECT_EQ(conn->execute(delete_from(posts).where(posts.user_id == 1)).rowcount(), 2);
    EXPECT_EQ(conn->execute(insert(tags).values(tags.name = "a", tags.uses = 1).values(tags.name = "b", tags.uses = 1)).rowcount(), 2);
    auto returned = conn->execute(delete_from(tags).all_rows().returning(tags.name));
    returned.all();
    EXPECT_EQ(returned.rowcount(), 2);
}

// A result left unread does not keep the connection from running other statements.
TEST_P(result_api, unread_results_do_not_block) {
    auto pending = conn->execute(by_age, arg<"min"> = 0);
    EXPECT_EQ(conn->execute(select(users.username).where(users.id == 2)).scalar_one(), "bob");
    pending.close();
    EXPECT_TRUE(pending.all().empty());
    conn->execute(update(users).set(users.age = 99).where(users.id == 1));
    conn->commit();
    EXPECT_EQ(conn->execute(by_age, arg<"min"> = 90).scalar_one(), "alice");
}

}  // namespace
