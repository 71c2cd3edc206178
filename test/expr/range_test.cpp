// IN, NOT IN and BETWEEN, executed.
#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class range : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(range);

TEST_P(range, in_and_not_in) {
    EXPECT_EQ(names_where(users.age.in_(17, 30, 99)), (names{"alice", "Eve"}));
    EXPECT_EQ(names_where(users.username.in_("bob", "carol")), (names{"bob", "carol"}));
    // NOT IN leaves out NULL ages (unknown)
    EXPECT_EQ(names_where(users.age.not_in(17, 30)), (names{"bob", "dave"}));
    EXPECT_EQ(names_where(users.id.not_in(1)), (names{"bob", "carol", "dave", "Eve"}));
    // items may be columns and expressions
    EXPECT_EQ(names_where((users.age - 26).in_(users.id, 4)), (names{"alice"}));
}

TEST_P(range, between_includes_both_ends) {
    EXPECT_EQ(names_where(users.age.between(25, 30)), (names{"alice", "bob"}));
    EXPECT_EQ(names_where(!users.age.between(25, 30)), (names{"dave", "Eve"}));
    EXPECT_EQ(names_where(users.username.between("b", "d")), (names{"bob", "carol"}));
    EXPECT_EQ(names_where((users.age + users.id).between(users.id * 8, 40)), (names{"alice", "bob"}));
}

}  // namespace
