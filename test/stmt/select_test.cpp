// SELECT executed: whole tables, columns, labels; the typed row (row.username, std::optional
// for nullable columns, get<"label">(), get<I>(), structured bindings); ORDER BY, LIMIT,
// OFFSET, DISTINCT.
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;
using ints = std::vector<std::int32_t>;

class select_execution : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(select_execution);

TEST_P(select_execution, whole_table_rows_have_a_member_per_column) {
    const auto rows = conn->execute(select(users).order_by(users.id)).all();
    ASSERT_EQ(rows.size(), 5u);
    const auto& alice = rows[0];
    static_assert(std::is_same_v<decltype(alice.id), std::int32_t>);
    static_assert(std::is_same_v<decltype(alice.username), std::string>);
    static_assert(std::is_same_v<decltype(alice.age), std::optional<std::int32_t>>);
    EXPECT_EQ(alice.id, 1);
    EXPECT_EQ(alice.username, "alice");
    EXPECT_EQ(alice.email, "alice@example.com");
    EXPECT_EQ(alice.age, 30);
    EXPECT_EQ(rows[2].username, "carol");
    EXPECT_EQ(rows[2].age, std::nullopt);
}

TEST_P(select_execution, columns_labels_and_positions) {
    for (const auto& row : conn->execute(select(users.username, (users.age + 1).as<"next_age">(), users.id.label<"key">())
                                             .where(users.username == "bob"))) {
        EXPECT_EQ(row.username, "bob");
        EXPECT_EQ(row.get<"username">(), "bob");
        EXPECT_EQ(row.get<"next_age">(), 26);
        EXPECT_EQ(row.get<"key">(), 2);
        EXPECT_EQ(row.get<0>(), "bob");
        EXPECT_EQ(row.get<1>(), 26);
        EXPECT_EQ(row.get<2>(), 2);
        const auto& [name, next_age, key] = row;
        EXPECT_EQ(name, "bob");
        EXPECT_EQ(next_age, 26);
        EXPECT_EQ(key, 2);
    }
}

TEST_P(select_execution, structured_bindings_in_a_loop) {
    std::vector<std::string> seen;
    for (const auto& [id, username] : conn->execute(select(users.id, users.username).where(users.id <= 2).order_by(users.id)))
        seen.push_back(std::to_string(id) + ":" + username);
    EXPECT_EQ(seen, (names{"1:alice", "2:bob"}));
}

// (Where NULLs go without nulls_first()/nulls_last() is the database's choice, and so is
// the collation of text: these orders avoid both.)
TEST_P(select_execution, order_by) {
    EXPECT_EQ(conn->execute(select(users.id).order_by(users.id.desc())).scalars(), (ints{5, 4, 3, 2, 1}));
    EXPECT_EQ(conn->execute(select(users.id).where(users.age != null).order_by(users.age)).scalars(), (ints{5, 2, 1, 4}));
    EXPECT_EQ(conn->execute(select(users.id).where(users.age != null).order_by(desc(users.age))).scalars(), (ints{4, 1, 2, 5}));
}

TEST_P(select_execution, nulls_first_and_last) {
    EXPECT_EQ(conn->execute(select(users.id).order_by(users.age.asc().nulls_first())).scalars(), (ints{3, 5, 2, 1, 4}));
    EXPECT_EQ(conn->execute(select(users.id).order_by(users.age.asc().nulls_last())).scalars(), (ints{5, 2, 1, 4, 3}));
    EXPECT_EQ(conn->execute(select(users.id).order_by(users.age.desc().nulls_last())).scalars(), (ints{4, 1, 2, 5, 3}));
    EXPECT_EQ(conn->execute(select(users.id).order_by(users.age.desc().nulls_first())).scalars(), (ints{3, 4, 1, 2, 5}));
}

TEST_P(select_execution, several_order_items_and_labels) {
    conn->execute(insert(users).values(users.username = "zed", users.email = "z@example.com", users.age = 30));
    EXPECT_EQ(conn->execute(select(users.id).where(users.age != null).order_by(users.age.desc(), users.id.desc())).scalars(),
              (ints{4, 6, 1, 2, 5}));
    const auto rows = conn->execute(select(users.username, (users.age * 2).as<"twice">())
                                        .where(users.age > 20)
                                        .order_by((users.age * 2).as<"twice">().asc(), users.username))
                          .all();
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].username, "bob");
    EXPECT_EQ(rows[1].username, "alice");
    EXPECT_EQ(rows[2].username, "zed");
    EXPECT_EQ(rows[3].get<"twice">(), 82);
}

TEST_P(select_execution, limit_and_offset) {
    const auto page = [&](std::int64_t size, std::int64_t skip) {
        return conn->execute(select(users.id).order_by(users.id).limit(size).offset(skip)).scalars();
    };
    EXPECT_EQ(page(2, 0), (ints{1, 2}));
    EXPECT_EQ(page(2, 2), (ints{3, 4}));
    EXPECT_EQ(page(2, 4), (ints{5}));
    EXPECT_EQ(page(2, 6), ints{});
    EXPECT_EQ(conn->execute(select(users.id).order_by(users.id).limit(3)).scalars(), (ints{1, 2, 3}));
    // OFFSET alone (SQLite: LIMIT -1 OFFSET ?)
    EXPECT_EQ(conn->execute(select(users.id).order_by(users.id).offset(3)).scalars(), (ints{4, 5}));
}

TEST_P(select_execution, distinct) {
    conn->execute(insert(users).values(users.username = "alice2", users.email = "a2@example.com", users.age = 30));
    conn->execute(insert(users).values(users.username = "carol2", users.email = "c2@example.com"));
    const auto ages = conn->execute(select(users.age).distinct().order_by(users.age.asc().nulls_first())).scalars();
    EXPECT_EQ(ages, (std::vector<std::optional<std::int32_t>>{std::nullopt, 17, 25, 30, 41}));
    EXPECT_EQ(conn->execute(select(users.age).order_by(users.age)).scalars().size(), 7u);
}

TEST_P(select_execution, where_twice_and_quoted_identifiers) {
    EXPECT_EQ(conn->execute(select(users.username).where(users.age > 20).where(users.email.like("%.com")).order_by(users.id))
                  .scalars(),
              (names{"alice", "dave"}));
    conn->execute(insert(quoted).values(quoted.said = "hi \"there\"", quoted.order_ = 2));
    conn->execute(insert(quoted).values(quoted.said = "bye", quoted.order_ = 1));
    const auto rows = conn->execute(select(quoted).where(quoted.order_ >= 1).order_by(quoted.order_)).all();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].said, "bye");
    EXPECT_EQ(rows[1].said, "hi \"there\"");
    EXPECT_EQ(rows[1].order_, 2);
}

}  // namespace
