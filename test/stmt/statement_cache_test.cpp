// A statement's type is its identity: executing the same statement type again reuses the
// connection's prepared statement. Each execution must still bind its own values.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class statement_cache : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(statement_cache);

// The same statement type with other values each time.
auto user_named(const std::string& name) { return select(users.id).where(users.username == name); }

TEST_P(statement_cache, same_type_different_values) {
    EXPECT_EQ(conn->execute(user_named("alice")).scalar_one(), 1);
    EXPECT_EQ(conn->execute(user_named("dave")).scalar_one(), 4);
    EXPECT_EQ(conn->execute(user_named("nobody")).scalar(), std::nullopt);
    for (int round = 0; round < 3; ++round)
        for (std::int32_t id = 1; id <= 5; ++id)
            EXPECT_EQ(conn->execute(select(users.id).where(users.id == id)).scalar_one(), id);
}

// Statement types interleaved, and two types that render the same text.
TEST_P(statement_cache, interleaved_types_and_equal_text) {
    const auto by_value = select(users.username).where(users.age > 26);
    const auto by_bindparam = select(users.username).where(users.age > bindparam<"age", integer>);
    ASSERT_EQ(sql_text<sqlite>(by_value), sql_text<sqlite>(by_bindparam));
    for (int round = 0; round < 3; ++round) {
        EXPECT_EQ(conn->execute(by_value).scalars().size(), 2u);
        EXPECT_EQ(conn->execute(by_bindparam, arg<"age"> = 40).scalars(), names{"dave"});
        EXPECT_EQ(conn->execute(user_named("bob")).scalar_one(), 2);
        EXPECT_EQ(conn->execute(by_bindparam, arg<"age"> = 0).scalars().size(), 4u);
    }
}

// The cached statement is still reading rows: a second execution of the same type runs on
// its own, and both give their own rows.
TEST_P(statement_cache, same_type_while_its_rows_are_being_read) {
    const auto older = [](int age) { return select(users.username).where(users.age > age).order_by(users.id); };
    auto outer = conn->execute(older(20));
    names pairs;
    for (const auto& row : outer) {
        for (const auto& inner : conn->execute(older(35))) pairs.push_back(row.username + "/" + inner.username);
    }
    EXPECT_EQ(pairs, (names{"alice/dave", "bob/dave", "dave/dave"}));
}

// Inserts of one type, many times, across commits and rollbacks.
TEST_P(statement_cache, across_transactions) {
    for (int i = 0; i < 10; ++i) {
        conn->execute(insert(tags).values(tags.name = "tag" + std::to_string(i), tags.uses = i));
        if (i % 2 == 0) conn->commit();
        else conn->rollback();
    }
    EXPECT_EQ(conn->execute(select(tags.uses).order_by(tags.uses)).scalars(), (std::vector<std::int32_t>{0, 2, 4, 6, 8}));
}

// With prepared statements off (PgBouncer-style pooling), the same results.
TEST_P(statement_cache, without_prepared_statements) {
    conn.reset();
    auto engine = make_engine({.prepared_statements = false});
    if (one_connection_only()) engine = db;  // the in-memory database lives in db's connection
    auto c = engine.connect();
    if (!one_connection_only()) {
        // a file or server database: the sample rows are there for a new engine too
        EXPECT_EQ(c.execute(user_named("carol")).scalar_one(), 3);
        EXPECT_EQ(c.execute(user_named("Eve")).scalar_one(), 5);
    }
    EXPECT_EQ(c.execute(select(users.id).where(users.id == 2)).scalar_one(), 2);
}

}  // namespace
