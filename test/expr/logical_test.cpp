// AND, OR, NOT (&&, ||, !, and_, or_, not_), executed, with SQL's three-valued logic.
#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class logical : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(logical);

TEST_P(logical, operators) {
    EXPECT_EQ(names_where(users.age > 20 && users.age < 40), (names{"alice", "bob"}));
    EXPECT_EQ(names_where(users.age < 20 || users.age > 40), (names{"dave", "Eve"}));
    EXPECT_EQ(names_where(!(users.age > 20)), names{"Eve"});  // NOT NULL is NULL: carol is not selected
    EXPECT_EQ(names_where(!(users.age > 20) || users.age.is_null()), (names{"carol", "Eve"}));
}

TEST_P(logical, functions) {
    EXPECT_EQ(names_where(and_(users.age > 20, users.age < 40, users.username != "bob")), names{"alice"});
    EXPECT_EQ(names_where(or_(users.username == "bob", users.username == "Eve", users.age == null)),
              (names{"bob", "carol", "Eve"}));
    EXPECT_EQ(names_where(not_(users.username.in_("alice", "bob"))), (names{"carol", "dave", "Eve"}));
}

TEST_P(logical, grouping_follows_the_expression_tree) {
    // a OR (b AND c) versus (a OR b) AND c
    EXPECT_EQ(names_where(users.id == 1 || (users.id == 2 && users.age == 99)), names{"alice"});
    EXPECT_EQ(names_where((users.id == 1 || users.id == 2) && users.age == 25), names{"bob"});
    EXPECT_EQ(names_where(!(users.id == 1 || users.id == 2) && users.age > 20), names{"dave"});
    EXPECT_EQ(names_where(users.id > 1 && (users.id < 3 || users.id > 4)), (names{"bob", "Eve"}));
}

TEST_P(logical, where_twice_is_and) {
    const auto rows = conn->execute(select(users.username).where(users.age > 20).where(users.age < 40).order_by(users.id))
                          .scalars();
    EXPECT_EQ(rows, (names{"alice", "bob"}));
}

}  // namespace
