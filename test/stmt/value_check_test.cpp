// Values that the C++ type they are read into, or the SQL type they are bound to, cannot
// hold: a data_error naming the column, the value and the type, never a wrong number.
// SQLite's type affinity lets a column hold a value of any storage class, so the read
// checks run against values stored behind retort's back.
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;

// A table without column types on SQLite (no affinity: each value is stored as given),
// declared to retort with the types the values should have.
struct loose_table : table<loose_table, "loose"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(big, bigint);
    RETORT_COLUMN(regular, integer);
    RETORT_COLUMN(wide, double_precision);
    RETORT_COLUMN(flag, boolean);
    RETORT_COLUMN(note, text);
};
constexpr loose_table loose;

class value_check : public retort::test::sample_data_test {
protected:
    // The message of the data_error `run` throws (a failure if it throws nothing or another error).
    template <class Run>
    static std::string data_error_of(Run&& run) {
        try {
            run();
        } catch (const data_error& e) {
            return e.what();
        } catch (const std::exception& e) {
            ADD_FAILURE() << "not a data_error: " << e.what();
            return {};
        }
        ADD_FAILURE() << "no data_error";
        return {};
    }
};
RETORT_ALL_BACKENDS(value_check);

class sqlite_value_check : public value_check {
protected:
    void SetUp() override {
        value_check::SetUp();
        if (IsSkipped() || HasFailure()) return;
        conn->exec_driver_sql("CREATE TABLE loose (id INTEGER PRIMARY KEY, big, regular, wide, flag, note)");
    }
    // One row holding `sql_value` (an SQL literal) in `column`.
    void store(int id, std::string_view column, std::string_view sql_value) {
        conn->exec_driver_sql("INSERT INTO loose (id, " + std::string(column) + ") VALUES (" + std::to_string(id) +
                              ", " + std::string(sql_value) + ")");
    }
    template <class Column>
    auto read(Column column, int id) {
        return conn->execute(select(column).where(loose.id == id)).scalar_one();
    }
};
INSTANTIATE_TEST_SUITE_P(sqlite, sqlite_value_check,
                         ::testing::Values(retort::test::backend::sqlite_memory, retort::test::backend::sqlite_file),
                         retort::test::backend_name);

#define EXPECT_HAS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)

TEST_P(sqlite_value_check, a_real_with_a_fraction_is_not_read_as_an_integer) {
    store(1, "big", "2.5");
    const std::string message = data_error_of([&] { read(loose.big, 1); });
    EXPECT_HAS(message, "result column 0 (\"big\") holds REAL 2.5, which is not an integer (read into std::int64_t)");
    EXPECT_HAS(message, "[SQL: SELECT");
    // The same through an INTEGER column of a table retort made, where affinity keeps 2.5 a REAL.
    conn->exec_driver_sql("INSERT INTO type_values (id, regular) VALUES (1, 2.5)");
    EXPECT_HAS(data_error_of([&] { conn->execute(select(type_values.regular)).scalars(); }),
               "(\"regular\") holds REAL 2.5, which is not an integer (read into std::int32_t)");
    EXPECT_HAS(data_error_of([&] { conn->execute(select(type_values)).all(); }),
               "(\"regular\") holds REAL 2.5, which is not an integer (read into std::int32_t)");
}

TEST_P(sqlite_value_check, text_and_blobs_are_not_read_as_integers) {
    store(1, "big", "'abc'");
    store(2, "big", "x'0102'");
    store(3, "big", "'42'");
    EXPECT_HAS(data_error_of([&] { read(loose.big, 1); }), "holds TEXT 'abc', which is not an integer (read into std::int64_t)");
    EXPECT_HAS(data_error_of([&] { read(loose.big, 2); }), "holds a BLOB of 2 bytes, which is not an integer");
    // Digits stored as TEXT stay text, as pysqlite returns them (a str) and SQLAlchemy leaves them.
    EXPECT_HAS(data_error_of([&] { read(loose.big, 3); }), "holds TEXT '42', which is not an integer");
    store(4, "regular", "'abc'");
    EXPECT_HAS(data_error_of([&] { read(loose.regular, 4); }), "(\"regular\") holds TEXT 'abc', which is not an integer (read into std::int32_t)");
}

TEST_P(sqlite_value_check, a_whole_real_inside_the_range_is_read_as_its_integer) {
    store(1, "big", "3.0");
    store(2, "big", "-9223372036854775808.0");
    store(3, "regular", "-7.0");
    EXPECT_EQ(read(loose.big, 1), 3);
    EXPECT_EQ(read(loose.big, 2), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(read(loose.regular, 3), -7);
}

TEST_P(sqlite_value_check, a_real_beyond_64_bits_is_out_of_range_not_clamped) {
    store(1, "big", "9.3e18");
    store(2, "big", "-1e300");
    EXPECT_HAS(data_error_of([&] { read(loose.big, 1); }), "holds REAL 9.3e+18, which is out of range for a 64-bit integer");
    EXPECT_HAS(data_error_of([&] { read(loose.big, 2); }), "which is out of range for a 64-bit integer");
    // A value that fits 64 bits but not the C++ type of an INTEGER column.
    store(3, "regular", "5000000000");
    EXPECT_HAS(data_error_of([&] { read(loose.regular, 3); }),
               "result column 0 (\"regular\") holds 5000000000, which is out of range for std::int32_t");
}

// SQLite turns an integer overflow in arithmetic into a REAL (2^63 = 9223372036854775808).
TEST_P(sqlite_value_check, integer_overflow_in_arithmetic_is_a_data_error) {
    conn->execute(insert(type_values).values(type_values.id = 1, type_values.big = std::numeric_limits<std::int64_t>::max()));
    const std::string message = data_error_of([&] { conn->execute(select(type_values.big + 1)).scalar_one(); });
    EXPECT_HAS(message, "holds REAL 9223372036854775808, which is out of range for a 64-bit integer");
    EXPECT_EQ(conn->execute(select(type_values.big - 1)).scalar_one(), std::numeric_limits<std::int64_t>::max() - 1);
}

TEST_P(sqlite_value_check, doubles_are_read_only_from_numbers_they_hold_exactly) {
    store(1, "wide", "'x'");
    store(2, "wide", "7");
    store(3, "wide", "9007199254740993");  // 2^53 + 1: no double
    store(4, "wide", "x'00'");
    store(5, "wide", "-9007199254740992");
    EXPECT_HAS(data_error_of([&] { read(loose.wide, 1); }), "(\"wide\") holds TEXT 'x', which is not a number (read into double)");
    EXPECT_EQ(read(loose.wide, 2), 7.0);
    EXPECT_HAS(data_error_of([&] { read(loose.wide, 3); }), "holds INTEGER 9007199254740993, which a double cannot hold exactly");
    EXPECT_HAS(data_error_of([&] { read(loose.wide, 4); }), "holds a BLOB of 1 bytes, which is not a number");
    EXPECT_EQ(read(loose.wide, 5), -9007199254740992.0);
}

TEST_P(sqlite_value_check, booleans_are_read_only_from_integers) {
    store(1, "flag", "'yes'");
    store(2, "flag", "1");
    store(3, "flag", "0.5");
    EXPECT_HAS(data_error_of([&] { read(loose.flag, 1); }), "holds TEXT 'yes', which is not a boolean (0 or 1) (read into bool)");
    EXPECT_EQ(read(loose.flag, 2), true);
    EXPECT_HAS(data_error_of([&] { read(loose.flag, 3); }), "holds REAL 0.5, which is not a boolean");
}

TEST_P(sqlite_value_check, null_is_still_read_as_no_value) {
    store(1, "big", "NULL");
    store(2, "wide", "NULL");
    EXPECT_EQ(read(loose.big, 1), std::nullopt);
    EXPECT_EQ(read(loose.wide, 2), std::nullopt);
    EXPECT_EQ(read(loose.flag, 1), std::nullopt);
}

// Whole rows are read with one driver call a row (the fields as stored), then converted field
// by field: the same values and the same errors as the reads above, and a row object reused
// from row to row keeps nothing of the row before.
TEST_P(sqlite_value_check, whole_rows_convert_and_refuse_as_single_fields_do) {
    conn->exec_driver_sql("INSERT INTO loose VALUES (1, 3.0, NULL, 7, 1, 'a longer note than the next')");
    conn->exec_driver_sql("INSERT INTO loose VALUES (2, 5, -7.0, 2.5, NULL, 42)");
    conn->exec_driver_sql("INSERT INTO loose VALUES (3, NULL, 9, NULL, 0, NULL)");
    conn->exec_driver_sql("INSERT INTO loose VALUES (4, x'0102', 1, 1.5, 1, 'x')");
    conn->exec_driver_sql("INSERT INTO loose VALUES (5, 1, 'abc', 1.5, 1, 'x')");
    struct seen {
        std::optional<std::int64_t> big;
        std::optional<std::int32_t> regular;
        std::optional<double> wide;
        std::optional<bool> flag;
        std::optional<std::string> note;
    };
    std::vector<seen> rows;
    for (const auto& r : conn->execute(select(loose).where(loose.id <= 3).order_by(loose.id)))
        rows.push_back({r.big, r.regular, r.wide, r.flag, r.note});
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].big, 3);  // a whole REAL
    EXPECT_EQ(rows[0].regular, std::nullopt);
    EXPECT_EQ(rows[0].wide, 7.0);  // an INTEGER a double holds exactly
    EXPECT_EQ(rows[0].flag, true);
    EXPECT_EQ(rows[0].note, "a longer note than the next");
    EXPECT_EQ(rows[1].big, 5);
    EXPECT_EQ(rows[1].regular, -7);
    EXPECT_EQ(rows[1].wide, 2.5);
    EXPECT_EQ(rows[1].flag, std::nullopt);
    EXPECT_EQ(rows[1].note, "42");  // an INTEGER read as text, as SQLite gives it
    EXPECT_EQ(rows[2].big, std::nullopt);
    EXPECT_EQ(rows[2].regular, 9);
    EXPECT_EQ(rows[2].wide, std::nullopt);
    EXPECT_EQ(rows[2].flag, false);
    EXPECT_EQ(rows[2].note, std::nullopt);
    EXPECT_HAS(data_error_of([&] { conn->execute(select(loose).where(loose.id == 4)).all(); }),
               "result column 1 (\"big\") holds a BLOB of 2 bytes, which is not an integer (read into std::int64_t)");
    EXPECT_HAS(data_error_of([&] { conn->execute(select(loose).where(loose.id == 5)).all(); }),
               "result column 2 (\"regular\") holds TEXT 'abc', which is not an integer (read into std::int32_t)");
}

// The same table with every column declared NOT NULL: a row of plain values, which the driver
// writes straight into the row where it holds the declared type (int, std::int64_t, double,
// std::string), and leaves to the reader otherwise: the reader converts or refuses those as
// single fields are.
struct plain_loose_table : table<plain_loose_table, "loose"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(big, bigint, not_null);
    RETORT_COLUMN(regular, integer, not_null);
    RETORT_COLUMN(wide, double_precision, not_null);
    RETORT_COLUMN(flag, boolean, not_null);
    RETORT_COLUMN(note, text, not_null);
};
constexpr plain_loose_table plain_loose;

TEST_P(sqlite_value_check, plain_fields_of_whole_rows_are_read_or_refused_as_single_fields_are) {
    conn->exec_driver_sql("INSERT INTO loose VALUES (1, 9007199254740993, -2147483648, 2.5, 0, 'a longer note than the next')");
    conn->exec_driver_sql("INSERT INTO loose VALUES (2, 4.0, 2147483647, 3, 1, 42)");
    conn->exec_driver_sql("INSERT INTO loose VALUES (3, 5, 7, -0.5, 1, x'6869')");
    conn->exec_driver_sql("INSERT INTO loose VALUES (4, 5, 7, 1.5, 1, NULL)");
    conn->exec_driver_sql("INSERT INTO loose VALUES (5, 5, 2147483648, 1.5, 1, 'x')");
    conn->exec_driver_sql("INSERT INTO loose VALUES (6, NULL, 7, 1.5, 1, 'x')");
    conn->exec_driver_sql("INSERT INTO loose VALUES (7, 5, 7, 'abc', 1, 'x')");
    struct seen {
        std::int64_t big;
        std::int32_t regular;
        double wide;
        bool flag;
        std::string note;
    };
    std::vector<seen> rows;
    for (const auto& r : conn->execute(select(plain_loose).where(plain_loose.id <= 3).order_by(plain_loose.id)))
        rows.push_back({r.big, r.regular, r.wide, r.flag, r.note});
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].big, 9007199254740993);
    EXPECT_EQ(rows[0].regular, std::numeric_limits<std::int32_t>::min());
    EXPECT_EQ(rows[0].wide, 2.5);
    EXPECT_EQ(rows[0].flag, false);
    EXPECT_EQ(rows[0].note, "a longer note than the next");
    EXPECT_EQ(rows[1].big, 4);  // a whole REAL, converted by the reader
    EXPECT_EQ(rows[1].regular, std::numeric_limits<std::int32_t>::max());
    EXPECT_EQ(rows[1].wide, 3.0);   // an INTEGER a double holds exactly
    EXPECT_EQ(rows[1].note, "42");  // an INTEGER read as text, as SQLite gives it
    EXPECT_EQ(rows[2].wide, -0.5);
    EXPECT_EQ(rows[2].note, "hi");  // a BLOB's bytes, as SQLite gives them as text
    // The row after the refused one is not read: each refusal names its column.
    const auto refused = [&](int id) {
        return data_error_of([&] {
            for (const auto& r : conn->execute(select(plain_loose).where(plain_loose.id >= id).order_by(plain_loose.id)))
                (void)r;
        });
    };
    EXPECT_HAS(refused(4), "NULL in result column 5, which the row reads as a plain (non-optional) value");
    EXPECT_HAS(refused(5), "result column 2 (\"regular\") holds 2147483648, which is out of range for std::int32_t");
    EXPECT_HAS(refused(6), "NULL in result column 1, which the row reads as a plain (non-optional) value");
    EXPECT_HAS(refused(7), "result column 3 (\"wide\") holds TEXT 'abc', which is not a number (read into double)");
}

// A wide row (70 fields, more than a 64-bit mask of them): every field read, and a refused one
// named by its column wherever it is.
template <std::size_t... I>
auto wide_text_row(std::string sql, std::index_sequence<I...>) {
    return text_clause(std::move(sql)).columns(((void)I, result_column<"c", integer>)...);
}
TEST_P(value_check, rows_wider_than_the_driver_writes_read_every_field) {
    constexpr std::size_t width = 70;
    const auto select_of = [&](const std::vector<std::string>& values) {
        std::string sql = "SELECT ";
        for (std::size_t i = 0; i < values.size(); ++i) sql += (i ? ", " : "") + values[i] + " AS c";
        return wide_text_row(sql, std::make_index_sequence<width>{});
    };
    std::vector<std::string> values;
    for (std::size_t i = 0; i < width; ++i) values.push_back(std::to_string(i * 3));
    const auto row = conn->execute(select_of(values)).one();
    const auto fields = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return std::vector<int>{row.template get<I>()...};
    }(std::make_index_sequence<width>{});
    std::vector<int> expected;
    for (std::size_t i = 0; i < width; ++i) expected.push_back(int(i * 3));
    EXPECT_EQ(fields, expected);

    for (const std::size_t bad : {std::size_t(1), std::size_t(63), std::size_t(64), std::size_t(69)}) {
        auto text = values;
        text[bad] = "'abc'";
        EXPECT_HAS(data_error_of([&] { conn->execute(select_of(text)).one(); }),
                   "result column " + std::to_string(bad) + " (\"c\") holds ");
        EXPECT_HAS(data_error_of([&] { conn->execute(select_of(text)).one(); }), "'abc', which is not an integer");
        text[bad] = "NULL";
        EXPECT_HAS(data_error_of([&] { conn->execute(select_of(text)).one(); }),
                   "NULL in result column " + std::to_string(bad) + ",");
    }
}

// A row every field of which the driver writes in place (int, std::int64_t, double,
// std::string, and each as std::optional): the values as single fields read them, and the same
// refusals, on either driver.
TEST_P(value_check, fields_written_in_place_read_and_refuse_as_single_fields_do) {
    const auto typed = [](std::string sql) {
        return text_clause(std::move(sql))
            .columns(result_column<"a", integer>, result_column<"b", bigint>, result_column<"c", double_precision>,
                     result_column<"d", text>, nullable_result_column<"e", integer>,
                     nullable_result_column<"f", bigint>, nullable_result_column<"g", double_precision>,
                     nullable_result_column<"h", text>);
    };
    auto row = conn->execute(typed("SELECT -2147483648 AS a, 5000000000 AS b, 2.5 AS c, 'x' AS d, NULL AS e, NULL AS f, "
                                   "NULL AS g, NULL AS h"))
                   .one();
    EXPECT_EQ(row.get<"a">(), std::numeric_limits<std::int32_t>::min());
    EXPECT_EQ(row.get<"b">(), 5000000000);
    EXPECT_EQ(row.get<"c">(), 2.5);
    EXPECT_EQ(row.get<"d">(), "x");
    EXPECT_EQ(row.get<"e">(), std::nullopt);
    EXPECT_EQ(row.get<"f">(), std::nullopt);
    EXPECT_EQ(row.get<"g">(), std::nullopt);
    EXPECT_EQ(row.get<"h">(), std::nullopt);
    row = conn->execute(typed("SELECT 2147483647 AS a, -1 AS b, -0.5 AS c, '' AS d, 7 AS e, -9223372036854775807 AS f, "
                              "1.25 AS g, 'y' AS h"))
              .one();
    EXPECT_EQ(row.get<"a">(), std::numeric_limits<std::int32_t>::max());
    EXPECT_EQ(row.get<"d">(), "");
    EXPECT_EQ(row.get<"e">(), 7);
    EXPECT_EQ(row.get<"f">(), -9223372036854775807);
    EXPECT_EQ(row.get<"g">(), 1.25);
    EXPECT_EQ(row.get<"h">(), "y");

    const auto refusal = [&](std::string sql) { return data_error_of([&] { conn->execute(typed(std::move(sql))).one(); }); };
    EXPECT_HAS(refusal("SELECT 2147483648 AS a, 1 AS b, 1.5 AS c, 'x' AS d, 1 AS e, 1 AS f, 1.5 AS g, 'x' AS h"),
               "result column 0 (\"a\") holds 2147483648, which is out of range for std::int32_t");
    EXPECT_HAS(refusal("SELECT 1 AS a, 1 AS b, 1.5 AS c, 'x' AS d, -2147483649 AS e, 1 AS f, 1.5 AS g, 'x' AS h"),
               "result column 4 (\"e\") holds -2147483649, which is out of range for std::int32_t");
    EXPECT_HAS(refusal("SELECT 1 AS a, 'abc' AS b, 1.5 AS c, 'x' AS d, 1 AS e, 1 AS f, 1.5 AS g, 'x' AS h"),
               "'abc', which is not an integer (read into std::int64_t)");
    EXPECT_HAS(refusal("SELECT 1 AS a, 1 AS b, 'abc' AS c, 'x' AS d, 1 AS e, 1 AS f, 1.5 AS g, 'x' AS h"),
               "'abc', which is not a number (read into double)");
    EXPECT_HAS(refusal("SELECT 1 AS a, 1 AS b, 1.5 AS c, NULL AS d, 1 AS e, 1 AS f, 1.5 AS g, 'x' AS h"),
               "NULL in result column 3, which the row reads as a plain (non-optional) value");
    EXPECT_HAS(refusal("SELECT 1 AS a, 1 AS b, 1.5 AS c, 'x' AS d, 1 AS e, 1 AS f, 'abc' AS g, 'x' AS h"),
               "result column 6 (\"g\") holds ");

    if (is_postgresql()) {  // PostgreSQL's words for the doubles from_chars spells otherwise
        const auto doubles = conn->execute(text_clause("SELECT 'NaN'::float8 AS n, 'Infinity'::float8 AS p, "
                                                       "'-Infinity'::float8 AS m, NULL::float8 AS z")
                                               .columns(result_column<"n", double_precision>,
                                                        result_column<"p", double_precision>,
                                                        nullable_result_column<"m", double_precision>,
                                                        nullable_result_column<"z", double_precision>))
                                 .one();
        EXPECT_TRUE(std::isnan(doubles.get<"n">()));
        EXPECT_EQ(doubles.get<"p">(), std::numeric_limits<double>::infinity());
        EXPECT_EQ(doubles.get<"m">(), -std::numeric_limits<double>::infinity());
        EXPECT_EQ(doubles.get<"z">(), std::nullopt);
    }
}

// --- binding: both dialects alike ------------------------------------------------------

TEST_P(value_check, an_integer_too_big_for_the_column_type_is_refused_when_bound) {
    const std::int64_t five_billion = 5'000'000'000;
    std::string message = data_error_of(
        [&] { conn->execute(insert(type_values).values(type_values.id = 1, type_values.regular = five_billion)); });
    EXPECT_HAS(message, "value 5000000000 is out of range for INTEGER (-2147483648 to 2147483647)");
    EXPECT_HAS(message, "[parameters: (1, 5000000000)]");
    conn->rollback();
    message = data_error_of(
        [&] { conn->execute(insert(type_values).values(type_values.id = 2, type_values.small = std::int32_t{40000})); });
    EXPECT_HAS(message, "value 40000 is out of range for SMALLINT (-32768 to 32767)");
    conn->rollback();
    EXPECT_HAS(data_error_of([&] {
                   conn->execute(update(type_values).set(type_values.regular = std::optional<std::int64_t>(-five_billion))
                                     .where(type_values.id == 1));
               }),
               "value -5000000000 is out of range for INTEGER");
    conn->rollback();
    // Also where the value is compared, as PostgreSQL refuses an INTEGER parameter that large.
    EXPECT_HAS(data_error_of([&] { conn->execute(select(type_values.id).where(type_values.regular == five_billion)).all(); }),
               "value 5000000000 is out of range for INTEGER");
    conn->rollback();
    EXPECT_EQ(conn->execute(select(count()).select_from(type_values)).scalar_one(), 0);

    // The limits themselves fit.
    conn->execute(insert(type_values).values(type_values.id = 3,
                                             type_values.regular = std::int64_t{std::numeric_limits<std::int32_t>::min()},
                                             type_values.small = std::int64_t{32767}));
    EXPECT_EQ(conn->execute(select(type_values.regular).where(type_values.id == 3)).scalar_one(),
              std::numeric_limits<std::int32_t>::min());
}

// An unsigned value above the largest BIGINT fits no SQL integer: refused, and shown in the
// error's parameters as the number it is (the values' text is written by the same binding).
TEST_P(value_check, an_unsigned_value_above_bigint_is_refused_and_shown_as_it_is) {
    const std::uint64_t beyond = std::uint64_t{1} << 63;
    const std::string message = data_error_of([&] {
        conn->execute(insert(type_values).values(type_values.id = 1, type_values.big = beyond, type_values.note = "it's"));
    });
    EXPECT_HAS(message, "value 9223372036854775808 is out of range for BIGINT");
    EXPECT_HAS(message, "[parameters: (1, 9223372036854775808, 'it''s')]");
    conn->rollback();
    // The largest that fits is bound as it is.
    conn->execute(insert(type_values).values(type_values.id = 2, type_values.big = beyond - 1));
    EXPECT_EQ(conn->execute(select(type_values.big).where(type_values.id == 2)).scalar_one(),
              std::numeric_limits<std::int64_t>::max());
}

TEST_P(value_check, bulk_rows_are_checked_too) {
    const std::string message = data_error_of([&] {
        conn->execute(insert(type_values).values(type_values.id = 1, type_values.regular = std::int64_t{1})
                          .values(type_values.id = 2, type_values.regular = std::int64_t{1} << 40));
    });
    EXPECT_HAS(message, "value 1099511627776 is out of range for INTEGER");
    conn->rollback();
    EXPECT_EQ(conn->execute(select(count()).select_from(type_values)).scalar_one(), 0);
}

}  // namespace
