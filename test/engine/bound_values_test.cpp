// A statement's values as text (echo, events, the [parameters: ...] of an error): written by
// the same binding calls that bind them, into the library's text-writing driver statement
// (driver/value_text_statement.hpp). One value of every SQL type, in binding order.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <retort/retort.hpp>

#include "render/schema.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using namespace std::chrono;
using strings = std::vector<std::string>;

template <class Statement>
strings bound_values(const Statement& statement) {
    const std::tuple<> no_arguments;
    return detail::bound_values_of(statement, no_arguments)();
}

TEST(bound_values, every_type_is_written_as_it_is_bound) {
    const auto stamp = sys_days{2024y / March / 5d} + hours{13} + minutes{7} + seconds{9} + microseconds{250};
    const auto every_type =
        insert(type_values)
            .values(type_values.id = 7, type_values.small = std::int16_t{-3}, type_values.regular = std::optional<int>{},
                    type_values.big = std::int64_t{1} << 40, type_values.single = 1.5f, type_values.wide = 0.25,
                    type_values.price = decimal("12.25"), type_values.flag = true, type_values.note = "it's",
                    type_values.code = std::string("ab"), type_values.day = date_value{2024y / February / 29d},
                    type_values.clock = hours{23} + minutes{59} + seconds{58}, type_values.stamp = stamp,
                    type_values.payload = blob_value(3, std::byte{1}), type_values.doc = json_text{R"({"a": 1})"});
    EXPECT_EQ(bound_values(every_type),
              (strings{"7", "-3", "NULL", "1099511627776", "1.500000", "0.250000", "'12.25'", "true", "'it''s'", "'ab'",
                       "'2024-02-29'", "'23:59:58.000000'", "'2024-03-05 13:07:09.000250'", "<3 bytes>", R"('{"a": 1}')"}));
}

TEST(bound_values, values_beyond_their_sql_type_are_written_as_they_are) {
    // Refused when bound (value_check_test has the errors); as text, shown as given.
    const auto beyond = insert(type_values).values(type_values.id = 1, type_values.regular = std::int64_t{5'000'000'000},
                                                   type_values.big = std::uint64_t{1} << 63);
    EXPECT_EQ(bound_values(beyond), (strings{"1", "5000000000", "9223372036854775808"}));
}

}  // namespace
