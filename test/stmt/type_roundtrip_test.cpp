// Every SQL type written and read back unchanged (limits, fractions, NULL), per backend.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

// Readable failures: GoogleTest finds these by argument-dependent lookup.
namespace retort {
inline void PrintTo(const json_text& value, std::ostream* out) { *out << "json_text{" << value.text << "}"; }
inline void PrintTo(const decimal& value, std::ostream* out) { *out << "decimal{" << value.str() << "}"; }
}  // namespace retort

namespace {

using namespace retort;
using namespace retort::test_schema;
using namespace std::chrono;
using namespace std::chrono_literals;

class type_roundtrip : public retort::test::sample_data_test {
protected:
    // Writes one column of row `id` and reads it back.
    template <class Column, class Value>
    auto roundtrip(int id, Column column, const Value& value) {
        conn->execute(insert(type_values).values(type_values.id = id, column = value));
        return conn->execute(select(column).where(type_values.id == id)).scalar_one();
    }
};
RETORT_ALL_BACKENDS(type_roundtrip);

TEST_P(type_roundtrip, integers_to_their_limits) {
    using i16 = std::numeric_limits<std::int16_t>;
    using i32 = std::numeric_limits<std::int32_t>;
    using i64 = std::numeric_limits<std::int64_t>;
    EXPECT_EQ(roundtrip(1, type_values.small, i16::min()), i16::min());
    EXPECT_EQ(roundtrip(2, type_values.small, i16::max()), i16::max());
    EXPECT_EQ(roundtrip(3, type_values.regular, i32::min()), i32::min());
    EXPECT_EQ(roundtrip(4, type_values.regular, i32::max()), i32::max());
    EXPECT_EQ(roundtrip(5, type_values.big, i64::min()), i64::min());
    EXPECT_EQ(roundtrip(6, type_values.big, i64::max()), i64::max());
    EXPECT_EQ(roundtrip(7, type_values.regular, 0), 0);
    static_assert(std::is_same_v<decltype(roundtrip(1, type_values.small, 1)), std::optional<std::int16_t>>);
    static_assert(std::is_same_v<decltype(roundtrip(1, type_values.big, 1)), std::optional<std::int64_t>>);
}

TEST_P(type_roundtrip, floating_point) {
    EXPECT_EQ(roundtrip(1, type_values.single, 1.5f), 1.5f);
    EXPECT_EQ(roundtrip(2, type_values.single, -0.1f), -0.1f);
    EXPECT_EQ(roundtrip(3, type_values.wide, 0.1), 0.1);
    EXPECT_EQ(roundtrip(4, type_values.wide, -2.5e-300), -2.5e-300);
    EXPECT_EQ(roundtrip(5, type_values.wide, std::numeric_limits<double>::max()), std::numeric_limits<double>::max());
    EXPECT_EQ(roundtrip(6, type_values.wide, 1.0 / 3.0), 1.0 / 3.0);
}

// NUMERIC keeps every digit on PostgreSQL; SQLite stores it as a number (REAL or INTEGER),
// so trailing zeros go.
TEST_P(type_roundtrip, numeric_as_decimal) {
    const auto price = roundtrip(1, type_values.price, decimal("12345678.90"));
    ASSERT_TRUE(price.has_value());
    EXPECT_EQ(price->to_double(), 12345678.9);
    if (is_postgresql()) {
        EXPECT_EQ(price->str(), "12345678.90");
    }
    EXPECT_EQ(roundtrip(2, type_values.price, decimal("-0.01"))->to_double(), -0.01);
    EXPECT_EQ(roundtrip(3, type_values.price, decimal(42LL))->to_double(), 42.0);
}

TEST_P(type_roundtrip, boolean) {
    EXPECT_EQ(roundtrip(1, type_values.flag, true), true);
    EXPECT_EQ(roundtrip(2, type_values.flag, false), false);
}

TEST_P(type_roundtrip, text_and_varchar) {
    EXPECT_EQ(roundtrip(1, type_values.note, std::string("")), "");
    const std::string unicode = "h\xc3\xa9llo \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac";
    EXPECT_EQ(roundtrip(2, type_values.note, unicode), unicode);
    const std::string quotes = "it's \"quoted\"; -- not a comment\n\ttab";
    EXPECT_EQ(roundtrip(3, type_values.note, quotes), quotes);
    const std::string long_text(100000, 'z');
    EXPECT_EQ(roundtrip(4, type_values.note, long_text), long_text);
    EXPECT_EQ(roundtrip(5, type_values.code, "12345678"), "12345678");
}

TEST_P(type_roundtrip, date_time_and_timestamp) {
    const date_value leap_day = 2024y / February / 29d;
    EXPECT_EQ(roundtrip(1, type_values.day, leap_day), leap_day);
    EXPECT_EQ(roundtrip(2, type_values.day, date_value{1970y / January / 1d}), date_value{1970y / January / 1d});
    EXPECT_EQ(roundtrip(3, type_values.day, date_value{9999y / December / 31d}), date_value{9999y / December / 31d});

    const time_value last_microsecond = 23h + 59min + 59s + 999999us;
    EXPECT_EQ(roundtrip(4, type_values.clock, last_microsecond), last_microsecond);
    EXPECT_EQ(roundtrip(5, type_values.clock, time_value{0}), time_value{0});
    EXPECT_EQ(roundtrip(6, type_values.clock, time_value{12h + 34min + 56s + 1us}), time_value{12h + 34min + 56s + 1us});

    const timestamp_value moment = sys_days{leap_day} + 23h + 59min + 59s + 123456us;
    EXPECT_EQ(roundtrip(7, type_values.stamp, moment), moment);
    EXPECT_EQ(roundtrip(8, type_values.stamp, timestamp_value{}), timestamp_value{});  // 1970-01-01 00:00:00
    const timestamp_value before_epoch = sys_days{1900y / January / 1d} + 1us;
    EXPECT_EQ(roundtrip(9, type_values.stamp, before_epoch), before_epoch);
}

TEST_P(type_roundtrip, blob) {
    blob_value every_byte;
    for (int b = 0; b < 256; ++b) every_byte.push_back(std::byte(b));
    EXPECT_EQ(roundtrip(1, type_values.payload, every_byte), every_byte);
    const blob_value zeros(1000, std::byte{0});
    EXPECT_EQ(roundtrip(2, type_values.payload, zeros), zeros);
    // an empty blob is a value, not NULL
    EXPECT_EQ(roundtrip(3, type_values.payload, blob_value{}), blob_value{});
}

TEST_P(type_roundtrip, json_documents_come_back_as_written) {
    const json_text document{R"({"name": "x", "tags": [1, 2.50, null], "nested": {"ok": true}})"};
    EXPECT_EQ(roundtrip(1, type_values.doc, document), document);
    EXPECT_EQ(roundtrip(2, type_values.doc, json_text{"[]"}), json_text{"[]"});
    EXPECT_EQ(roundtrip(3, type_values.doc, json_text{"\"text\""}), json_text{"\"text\""});
    EXPECT_EQ(roundtrip(4, type_values.doc, json_text{"1.50"}), json_text{"1.50"});
}

// A row of NULLs reads as empty optionals in every column.
TEST_P(type_roundtrip, null_in_every_type) {
    conn->execute(insert(type_values).values(type_values.id = 1));
    const auto row = conn->execute(select(type_values).where(type_values.id == 1)).one();
    EXPECT_EQ(row.small, std::nullopt);
    EXPECT_EQ(row.regular, std::nullopt);
    EXPECT_EQ(row.big, std::nullopt);
    EXPECT_EQ(row.single, std::nullopt);
    EXPECT_EQ(row.wide, std::nullopt);
    EXPECT_FALSE(row.price.has_value());
    EXPECT_EQ(row.flag, std::nullopt);
    EXPECT_EQ(row.note, std::nullopt);
    EXPECT_EQ(row.code, std::nullopt);
    EXPECT_EQ(row.day, std::nullopt);
    EXPECT_EQ(row.clock, std::nullopt);
    EXPECT_EQ(row.stamp, std::nullopt);
    EXPECT_EQ(row.payload, std::nullopt);
    EXPECT_FALSE(row.doc.has_value());
    // and NULLs written as empty optionals
    conn->execute(insert(type_values).values(type_values.id = 2, type_values.note = std::optional<std::string>{},
                                             type_values.day = std::optional<date_value>{}, type_values.price = null));
    EXPECT_EQ(conn->execute(select(type_values.note).where(type_values.id == 2)).scalar(), std::nullopt);
}

// All columns of a row at once, through select(table).
TEST_P(type_roundtrip, whole_row) {
    const timestamp_value moment = sys_days{2001y / September / 9d} + 1h + 46min + 40s;
    conn->execute(insert(type_values).values(
        type_values.id = 1, type_values.small = 1, type_values.regular = 2, type_values.big = std::int64_t{3},
        type_values.single = 4.5f, type_values.wide = 5.25, type_values.price = decimal("6.5"), type_values.flag = true,
        type_values.note = "seven", type_values.code = "eight", type_values.day = date_value{2001y / September / 9d},
        type_values.clock = time_value{1h + 46min + 40s}, type_values.stamp = moment,
        type_values.payload = blob_value{std::byte{9}}, type_values.doc = json_text{"{\"ten\": 10}"}));
    const auto row = conn->execute(select(type_values)).one();
    EXPECT_EQ(row.small, 1);
    EXPECT_EQ(row.regular, 2);
    EXPECT_EQ(row.big, 3);
    EXPECT_EQ(row.single, 4.5f);
    EXPECT_EQ(row.wide, 5.25);
    EXPECT_EQ(row.price->to_double(), 6.5);
    EXPECT_EQ(row.flag, true);
    EXPECT_EQ(row.note, "seven");
    EXPECT_EQ(row.code, "eight");
    EXPECT_EQ(row.day, date_value{2001y / September / 9d});
    EXPECT_EQ(row.clock, time_value{1h + 46min + 40s});
    EXPECT_EQ(row.stamp, moment);
    EXPECT_EQ(row.payload, blob_value{std::byte{9}});
    EXPECT_EQ(row.doc, json_text{"{\"ten\": 10}"});
}

}  // namespace
