// + - * / % and unary minus, executed in the select list and in WHERE.
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class arithmetic : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(arithmetic);

TEST_P(arithmetic, integer_operators_in_the_select_list) {
    const auto row = conn->execute(select((users.age + 4).as<"plus">(), (users.age - 4).as<"minus">(),
                                          (users.age * 4).as<"times">(), (users.age / 4).as<"quotient">(),
                                          (users.age % 4).as<"remainder">(), (-users.age).as<"negated">())
                                       .where(users.username == "dave"))
                         .one();
    EXPECT_EQ(row.get<"plus">(), 45);
    EXPECT_EQ(row.get<"minus">(), 37);
    EXPECT_EQ(row.get<"times">(), 164);
    EXPECT_EQ(row.get<"quotient">(), 10);  // integer division on both
    EXPECT_EQ(row.get<"remainder">(), 1);
    EXPECT_EQ(row.get<"negated">(), -41);
}

// NULL in, NULL out: the result is std::optional because age is nullable.
TEST_P(arithmetic, null_propagates) {
    const auto plus = conn->execute(select((users.age + 1).as<"next">()).where(users.username == "carol")).scalar_one();
    static_assert(std::is_same_v<decltype(plus), const std::optional<std::int32_t>>);
    EXPECT_EQ(plus, std::nullopt);
    // id is NOT NULL: a plain int
    const auto doubled = conn->execute(select((users.id * 2).as<"doubled">()).where(users.username == "carol")).scalar_one();
    static_assert(std::is_same_v<decltype(doubled), const std::int32_t>);
    EXPECT_EQ(doubled, 6);
}

TEST_P(arithmetic, precedence_as_written) {
    const auto row = conn->execute(select(((users.age + 1) * 2).as<"a">(), (users.age + users.id * 2).as<"b">(),
                                          (users.age - (users.id - 10)).as<"c">(), (users.age - users.id - 10).as<"d">(),
                                          (users.age / (users.id * 2)).as<"e">(), (-(users.age + 1)).as<"f">(),
                                          (users.age - -users.id).as<"g">())
                                       .where(users.id == 4))
                         .one();
    EXPECT_EQ(row.get<"a">(), 84);   // (41 + 1) * 2
    EXPECT_EQ(row.get<"b">(), 49);   // 41 + 4 * 2
    EXPECT_EQ(row.get<"c">(), 47);   // 41 - (4 - 10)
    EXPECT_EQ(row.get<"d">(), 27);   // 41 - 4 - 10
    EXPECT_EQ(row.get<"e">(), 5);    // 41 / 8
    EXPECT_EQ(row.get<"f">(), -42);  // -(41 + 1)
    EXPECT_EQ(row.get<"g">(), 45);   // 41 - -4
}

TEST_P(arithmetic, in_where) {
    EXPECT_EQ(names_where(users.age + 10 > 40), (names{"dave"}));
    EXPECT_EQ(names_where(users.age % 2 == 1), (names{"bob", "dave", "Eve"}));
    EXPECT_EQ(names_where(-users.age < -29), (names{"alice", "dave"}));
    EXPECT_EQ(names_where(users.age * 2 - users.id >= 50), (names{"alice", "dave"}));
    EXPECT_EQ(names_where(users.age / 10 == 2), (names{"bob"}));
}

TEST_P(arithmetic, floating_point_and_bigint_columns) {
    conn->execute(insert(type_values).values(type_values.id = 1, type_values.wide = 2.5, type_values.single = 0.5f,
                                             type_values.big = std::int64_t{5'000'000'000}, type_values.small = 7));
    const auto row = conn->execute(select((type_values.wide * 2).as<"wide">(), (type_values.wide / 4).as<"quarter">(),
                                          (type_values.single + type_values.wide).as<"sum">(),
                                          (type_values.big * 3).as<"big">(), (type_values.small % 4).as<"small">(),
                                          (-type_values.wide).as<"negated">()))
                         .one();
    EXPECT_EQ(row.get<"wide">(), 5.0);
    EXPECT_EQ(row.get<"quarter">(), 0.625);
    EXPECT_EQ(row.get<"sum">(), 3.0);
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(*row.get<"big">())>, std::int64_t>);
    EXPECT_EQ(row.get<"big">(), std::int64_t{15'000'000'000});
    EXPECT_EQ(row.get<"small">(), 3);
    EXPECT_EQ(row.get<"negated">(), -2.5);
}

// An integer column times a fractional value is a double precision result (as in SQL), and
// the value is bound as a double, not as an integer.
TEST_P(arithmetic, integer_column_with_a_fractional_value) {
    using result_type = decltype(users.age * 1.5)::sql_type;
    EXPECT_TRUE((std::is_same_v<result_type, double_precision>)) << "integer * 1.5 is typed " << typeid(result_type).name();
    try {
        const auto scaled = conn->execute(select((users.age * 1.5).as<"scaled">()).where(users.username == "bob")).scalar_one();
        EXPECT_EQ(scaled, 37.5);
    } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
    }
}

TEST_P(arithmetic, integer_column_compared_with_a_fractional_value) {
    try {
        EXPECT_EQ(names_where(users.age > 29.5), (names{"alice", "dave"}));
        EXPECT_EQ(names_where(users.age < 17.5), (names{"Eve"}));
    } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
    }
}

// PostgreSQL refuses to divide by zero; SQLite answers NULL, so a quotient reads as
// std::optional and is never a silent 0.
TEST_P(arithmetic, division_by_zero_is_an_error_not_a_zero) {
    auto ratio = select((users.id / 0).as<"ratio">()).where(users.id == 1);
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(decltype(ratio)::row_type{}.get<"ratio">())>,
                                 std::optional<std::int32_t>>);
    if (is_postgresql()) EXPECT_THROW(conn->execute(ratio).scalar_one(), data_error);
    else EXPECT_EQ(conn->execute(ratio).scalar_one(), std::nullopt);
}

// Numeric columns compute exactly.
TEST_P(arithmetic, numeric) {
    conn->execute(insert(type_values).values(type_values.id = 1, type_values.price = decimal("12.25")));
    const auto price = conn->execute(select((type_values.price * 4).as<"total">())).scalar_one();
    ASSERT_TRUE(price.has_value());
    EXPECT_EQ(price->to_double(), 49.0);
}

}  // namespace
