// = != < <= > >= and the NULL tests, executed: which rows each one selects.
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class comparison : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(comparison);

TEST_P(comparison, each_operator_with_a_value) {
    EXPECT_EQ(names_where(users.age == 30), names{"alice"});
    // NULL is neither equal nor unequal to anything
    EXPECT_EQ(names_where(users.age != 30), (names{"bob", "dave", "Eve"}));
    EXPECT_EQ(names_where(users.age < 25), names{"Eve"});
    EXPECT_EQ(names_where(users.age <= 25), (names{"bob", "Eve"}));
    EXPECT_EQ(names_where(users.age > 30), names{"dave"});
    EXPECT_EQ(names_where(users.age >= 30), (names{"alice", "dave"}));
    EXPECT_EQ(names_where(users.username == "bob"), names{"bob"});
    EXPECT_EQ(names_where(users.username != "bob"), (names{"alice", "carol", "dave", "Eve"}));
}

TEST_P(comparison, value_on_the_left_and_column_against_column) {
    EXPECT_EQ(names_where(30 < users.age), names{"dave"});
    EXPECT_EQ(names_where("carol" == users.username), names{"carol"});
    // id 1..5 against age: nobody is younger than their id; the NULL age compares as unknown
    EXPECT_EQ(names_where(users.age < users.id), names{});
    EXPECT_EQ(names_where(users.age > users.id * 6), (names{"alice", "bob", "dave"}));
}

TEST_P(comparison, null_tests) {
    EXPECT_EQ(names_where(users.age.is_null()), names{"carol"});
    EXPECT_EQ(names_where(users.age.is_not_null()), (names{"alice", "bob", "dave", "Eve"}));
    EXPECT_EQ(names_where(users.age == null), names{"carol"});
    EXPECT_EQ(names_where(users.age != null), (names{"alice", "bob", "dave", "Eve"}));
    EXPECT_EQ(names_where(users.age == std::nullopt), names{"carol"});
    EXPECT_EQ(names_where(null == users.age), names{"carol"});
    EXPECT_EQ(names_where((users.age + 1).is_null()), names{"carol"});
}

// A std::optional value is a bound parameter: when empty it is NULL, and = NULL matches nothing.
TEST_P(comparison, optional_values) {
    std::optional<int> age = 25;
    EXPECT_EQ(names_where(users.age == age), names{"bob"});
    age.reset();
    EXPECT_EQ(names_where(users.age == age), names{});
}

TEST_P(comparison, run_time_strings) {
    const std::string wanted = "dave";
    EXPECT_EQ(names_where(users.username == wanted), names{"dave"});
    const std::string tricky = "x' OR '1'='1";
    EXPECT_EQ(names_where(users.username == tricky), names{});
}

TEST_P(comparison, booleans) {
    conn->execute(insert(type_values).values(type_values.id = 1, type_values.flag = true));
    conn->execute(insert(type_values).values(type_values.id = 2, type_values.flag = false));
    conn->execute(insert(type_values).values(type_values.id = 3));
    auto ids = [&](const auto& condition) {
        return conn->execute(select(type_values.id).where(condition).order_by(type_values.id)).scalars();
    };
    using ints = std::vector<std::int32_t>;
    EXPECT_EQ(ids(type_values.flag), ints{1});
    EXPECT_EQ(ids(!type_values.flag), ints{2});
    EXPECT_EQ(ids(type_values.flag == true), ints{1});
    EXPECT_EQ(ids(type_values.flag != true), ints{2});
    EXPECT_EQ(ids(type_values.flag.is_null()), ints{3});
}

// Comparisons of comparisons: (a > b) = (c < d) must keep its parentheses, PostgreSQL's
// comparison operators do not associate.
TEST_P(comparison, comparison_of_conditions) {
    EXPECT_EQ(names_where((users.age > 20) == (users.id < 3)), (names{"alice", "bob", "Eve"}));
    EXPECT_EQ(names_where((users.age > 20) == true), (names{"alice", "bob", "dave"}));
}

}  // namespace
