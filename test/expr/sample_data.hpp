#pragma once
// A database (each backend) with the render tests' tables, created by metadata.create_all,
// and a few known rows:
//
//   users  id username email               age        posts  id title          user_id
//          1  alice    alice@example.com   30                1  Hello          1
//          2  bob      bob@example.org     25                2  Draft: plans   1
//          3  carol    CAROL@Example.com   NULL              3  News 100%      2
//          4  dave     dave@example.com    41
//          5  Eve      eve_99@sample.net   17
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "render/schema.hpp"
#include "schema/database_fixture.hpp"

namespace retort::test {

inline const auto sample_schema = metadata{test_schema::users,  test_schema::posts,  test_schema::type_values,
                                           test_schema::quoted, test_schema::events, test_schema::tags,
                                           test_schema::memberships};

class sample_data_test : public database_test {
protected:
    void SetUp() override {
        database_test::SetUp();
        if (IsSkipped() || HasFailure()) return;
        using namespace test_schema;
        sample_schema.create_all(db);
        conn.emplace(db.connect());
        conn->execute(insert(users)
                          .values(users.username = "alice", users.email = "alice@example.com", users.age = 30)
                          .values(users.username = "bob", users.email = "bob@example.org", users.age = 25)
                          .values(users.username = "carol", users.email = "CAROL@Example.com", users.age = null)
                          .values(users.username = "dave", users.email = "dave@example.com", users.age = 41)
                          .values(users.username = "Eve", users.email = "eve_99@sample.net", users.age = 17));
        conn->execute(insert(posts)
                          .values(posts.title = "Hello", posts.content = "first", posts.user_id = 1)
                          .values(posts.title = "Draft: plans", posts.content = "later", posts.user_id = 1)
                          .values(posts.title = "News 100%", posts.content = "big", posts.user_id = 2));
        conn->commit();
    }
    void TearDown() override { conn.reset(); }

    // The usernames a condition selects, in id order.
    template <class Condition>
    std::vector<std::string> names_where(const Condition& condition) {
        using namespace test_schema;
        return conn->execute(select(users.username).where(condition).order_by(users.id)).scalars();
    }

    std::optional<connection> conn;
};

using names = std::vector<std::string>;

}  // namespace retort::test
