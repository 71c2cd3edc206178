// CURRENT_TIMESTAMP: the database's clock, in UTC, as a TIMESTAMP on both dialects.
#include <chrono>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using namespace std::chrono_literals;

class current_timestamp_execution : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(current_timestamp_execution);

TEST_P(current_timestamp_execution, written_and_compared) {
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    conn->execute(insert(type_values).values(type_values.id = 1, type_values.stamp = current_timestamp));
    conn->execute(insert(type_values).values(type_values.id = 2, type_values.stamp = timestamp_value{before - 24h}));
    conn->execute(insert(type_values).values(type_values.id = 3, type_values.stamp = timestamp_value{before + 24h}));
    conn->commit();
    const auto now = conn->execute(select(type_values.stamp).where(type_values.id == 1)).scalar_one();
    ASSERT_TRUE(now.has_value());
    EXPECT_GE(*now, before - 1s);
    EXPECT_LE(*now, std::chrono::system_clock::now() + 1s);
    // row 1 holds the clock of an earlier transaction (PostgreSQL) or of this second (SQLite)
    const auto past = conn->execute(select(type_values.id).where(type_values.stamp <= current_timestamp).order_by(type_values.id))
                          .scalars();
    EXPECT_EQ(past, (std::vector<std::int32_t>{1, 2}));
    const auto future = conn->execute(select(type_values.id).where(type_values.stamp > current_timestamp)).scalars();
    EXPECT_EQ(future, std::vector<std::int32_t>{3});
}

TEST_P(current_timestamp_execution, in_update) {
    conn->execute(insert(type_values).values(type_values.id = 1));
    conn->execute(update(type_values).set(type_values.stamp = current_timestamp).where(type_values.id == 1));
    EXPECT_TRUE(conn->execute(select(type_values.stamp)).scalar_one().has_value());
}

}  // namespace
