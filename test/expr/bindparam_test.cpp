// bindparam<"name", type>: values given at execution, one statement run with many.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class bindparam_execution : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(bindparam_execution);

TEST_P(bindparam_execution, one_statement_many_values) {
    const auto older_than = select(users.username).where(users.age > bindparam<"min_age", integer>).order_by(users.id);
    EXPECT_EQ(conn->execute(older_than, arg<"min_age"> = 29).scalars(), (names{"alice", "dave"}));
    EXPECT_EQ(conn->execute(older_than, arg<"min_age"> = 40).scalars(), names{"dave"});
    EXPECT_EQ(conn->execute(older_than, arg<"min_age"> = 99).scalars(), names{});
}

TEST_P(bindparam_execution, several_in_any_order_and_used_twice) {
    const auto window = select(users.username)
                            .where(users.age.between(bindparam<"low", integer>, bindparam<"high", integer>) ||
                                   users.username == bindparam<"name", text> || users.age == bindparam<"low", integer>)
                            .order_by(users.id);
    EXPECT_EQ(conn->execute(window, arg<"name"> = "carol", arg<"high"> = 26, arg<"low"> = 17).scalars(),
              (names{"bob", "carol", "Eve"}));
    const std::string name = "dave";
    EXPECT_EQ(conn->execute(window, arg<"low"> = 30, arg<"high"> = 30, arg<"name"> = name).scalars(),
              (names{"alice", "dave"}));
}

TEST_P(bindparam_execution, in_insert_update_and_delete) {
    const auto add = insert(users).values(users.username = bindparam<"name", text>, users.email = bindparam<"email", text>,
                                          users.age = bindparam<"age", integer>);
    conn->execute(add, arg<"name"> = "frank", arg<"email"> = "frank@example.com", arg<"age"> = 50);
    conn->execute(add, arg<"name"> = "gina", arg<"email"> = "gina@example.com", arg<"age"> = std::optional<int>{});
    const auto set_age = update(users).set(users.age = bindparam<"age", integer>).where(users.username == bindparam<"name", text>);
    EXPECT_EQ(conn->execute(set_age, arg<"age"> = 51, arg<"name"> = "frank").rowcount(), 1);
    const auto remove = delete_from(users).where(users.age.is_null() && users.username == bindparam<"name", text>);
    EXPECT_EQ(conn->execute(remove, arg<"name"> = "gina").rowcount(), 1);
    EXPECT_EQ(conn->execute(remove, arg<"name"> = "frank").rowcount(), 0);
    conn->commit();
    EXPECT_EQ(conn->execute(select(users.age).where(users.username == "frank")).scalar_one(), 51);
}

// An optional argument: NULL when empty.
TEST_P(bindparam_execution, optional_argument) {
    const auto same_age = select(users.username).where(users.age == bindparam<"age", integer>);
    EXPECT_EQ(conn->execute(same_age, arg<"age"> = std::optional<int>{25}).scalars(), names{"bob"});
    EXPECT_EQ(conn->execute(same_age, arg<"age"> = std::optional<int>{}).scalars(), names{});
}

}  // namespace
