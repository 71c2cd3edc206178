#include <stdexcept>

#include <gtest/gtest.h>

#include "support/url_text.hpp"

namespace retort::test::detail {
namespace {

TEST(url_with_database, replaces_the_path_and_keeps_the_query) {
    EXPECT_EQ(url_with_database("postgresql://postgres@/postgres?host=/tmp/x", "retort_test_7"),
              "postgresql://postgres@/retort_test_7?host=/tmp/x");
    EXPECT_EQ(url_with_database("postgresql://u:pw@db.example:5433/app?sslmode=disable", "other"),
              "postgresql://u:pw@db.example:5433/other?sslmode=disable");
}

TEST(url_with_database, adds_a_path_where_there_is_none) {
    EXPECT_EQ(url_with_database("postgresql://u@localhost", "d"), "postgresql://u@localhost/d");
    EXPECT_EQ(url_with_database("postgres://u@?host=/s", "d"), "postgres://u@/d?host=/s");
}

TEST(url_with_database, rejects_text_that_is_no_url) {
    EXPECT_THROW(url_with_database("host=/tmp dbname=x", "d"), std::invalid_argument);
}

TEST(percent_encode, keeps_unreserved_and_chosen_characters) {
    EXPECT_EQ(percent_encode("a b/c%"), "a%20b%2Fc%25");
    EXPECT_EQ(percent_encode("/tmp/retort-pg.1_x", "/"), "/tmp/retort-pg.1_x");
}

}  // namespace
}  // namespace retort::test::detail
