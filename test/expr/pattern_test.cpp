// LIKE, NOT LIKE, ILIKE, NOT ILIKE executed (SQLite's ILIKE is lower(x) LIKE lower(y)).
#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class pattern : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(pattern);

TEST_P(pattern, like) {
    EXPECT_EQ(names_where(users.email.like("%@%.com")), (names{"alice", "carol", "dave"}));
    EXPECT_EQ(names_where(users.email.like("%99@%")), names{"Eve"});
    EXPECT_EQ(names_where(users.username.like("_o%")), names{"bob"});
    EXPECT_EQ(names_where(users.email.not_like("%.com")), (names{"bob", "Eve"}));
}

TEST_P(pattern, ilike_ignores_case) {
    EXPECT_EQ(names_where(users.email.ilike("%@EXAMPLE.COM")), (names{"alice", "carol", "dave"}));
    EXPECT_EQ(names_where(users.username.ilike("e%")), names{"Eve"});
    EXPECT_EQ(names_where(users.email.not_ilike("%@example.%")), names{"Eve"});
}

// PostgreSQL's LIKE is case-sensitive; SQLite's (by default) is not for ASCII letters.
TEST_P(pattern, like_case_sensitivity_is_the_database_s) {
    const auto matched = names_where(users.email.like("%@example.com"));
    if (is_postgresql()) EXPECT_EQ(matched, (names{"alice", "dave"}));
    else EXPECT_EQ(matched, (names{"alice", "carol", "dave"}));
}

TEST_P(pattern, patterns_from_columns_and_values_held_at_run_time) {
    // every email starts with its user's name, ignoring case
    EXPECT_EQ(names_where(users.email.ilike(users.username)), names{});
    std::string prefix = "a";
    EXPECT_EQ(names_where(users.username.like(prefix + "%")), names{"alice"});
    // % and _ in the data match as wildcards unless escaped by the pattern
    EXPECT_EQ(conn->execute(select(posts.title).where(posts.title.like("%100%")).order_by(posts.id)).scalars(),
              names{"News 100%"});
}

}  // namespace
