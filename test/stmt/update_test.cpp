// UPDATE executed: rowcount, SET from expressions, all_rows(), RETURNING.
#include <cstdint>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;
using ages = std::vector<std::optional<std::int32_t>>;

class update_execution : public retort::test::sample_data_test {
protected:
    ages all_ages() { return conn->execute(select(users.age).order_by(users.id)).scalars(); }
};
RETORT_ALL_BACKENDS(update_execution);

TEST_P(update_execution, where_and_rowcount) {
    EXPECT_EQ(conn->execute(update(users).set(users.age = users.age + 1).where(users.age > 20)).rowcount(), 3);
    EXPECT_EQ(all_ages(), (ages{31, 26, std::nullopt, 42, 17}));
    EXPECT_EQ(conn->execute(update(users).set(users.age = 1).where(users.username == "nobody")).rowcount(), 0);
    conn->commit();
    EXPECT_EQ(all_ages(), (ages{31, 26, std::nullopt, 42, 17}));
}

TEST_P(update_execution, several_columns_null_and_where_twice) {
    const auto result = conn->execute(update(users)
                                          .set(users.email = "hidden@example.com")
                                          .set(users.age = null)
                                          .where(users.id >= 2)
                                          .where(users.id <= 3));
    EXPECT_EQ(result.rowcount(), 2);
    EXPECT_EQ(all_ages(), (ages{30, std::nullopt, std::nullopt, 41, 17}));
    EXPECT_EQ(conn->execute(select(users.username).where(users.email == "hidden@example.com").order_by(users.id)).scalars(),
              (names{"bob", "carol"}));
}

// NULL + 1 is NULL: carol's age stays unknown.
TEST_P(update_execution, all_rows) {
    EXPECT_EQ(conn->execute(update(users).set(users.age = users.age * 2).all_rows()).rowcount(), 5);
    EXPECT_EQ(all_ages(), (ages{60, 50, std::nullopt, 82, 34}));
}

TEST_P(update_execution, returning) {
    auto rows = conn->execute(update(users)
                                  .set(users.age = users.age + 10)
                                  .where(users.age < 30)
                                  .returning(users.username, users.age.as<"new_age">()))
                    .all();
    ASSERT_EQ(rows.size(), 2u);
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.username < b.username; });
    EXPECT_EQ(rows[0].username, "Eve");
    EXPECT_EQ(rows[0].get<"new_age">(), 27);
    EXPECT_EQ(rows[1].username, "bob");
    EXPECT_EQ(rows[1].get<"new_age">(), 35);
    // rowcount of an UPDATE ... RETURNING, once its rows are read
    auto result = conn->execute(update(users).set(users.age = 0).all_rows().returning(users.id));
    EXPECT_EQ(result.scalars().size(), 5u);
    EXPECT_EQ(result.rowcount(), 5);
}

TEST_P(update_execution, rolled_back) {
    conn->execute(update(users).set(users.age = 0).all_rows());
    conn->rollback();
    EXPECT_EQ(all_ages(), (ages{30, 25, std::nullopt, 41, 17}));
}

}  // namespace
