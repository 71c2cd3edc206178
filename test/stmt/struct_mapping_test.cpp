// Rows read into the user's own structs (Boost.Hana): all<T>(), first<T>(), one<T>(),
// one_or_none<T>(), by member name, labels included.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/hana/adapt_struct.hpp>
#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

struct user_summary {
    BOOST_HANA_DEFINE_STRUCT(user_summary, (std::string, username), (std::optional<std::int32_t>, age));
};

struct post_line {
    std::string title;
    std::int32_t author;
};

}  // namespace

BOOST_HANA_ADAPT_STRUCT(post_line, title, author);

namespace {

using namespace retort;
using namespace retort::test_schema;

class struct_mapping : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(struct_mapping);

TEST_P(struct_mapping, all_from_a_whole_table) {
    // select(users) has more columns than the struct: only the named ones are read into it
    const std::vector<user_summary> rows = conn->execute(select(users).order_by(users.id)).all<user_summary>();
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0].username, "alice");
    EXPECT_EQ(rows[0].age, 30);
    EXPECT_EQ(rows[2].username, "carol");
    EXPECT_EQ(rows[2].age, std::nullopt);
}

TEST_P(struct_mapping, labels_and_adapted_structs) {
    const auto rows = conn->execute(select(posts.title, posts.user_id.as<"author">()).order_by(posts.id)).all<post_line>();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].title, "Draft: plans");
    EXPECT_EQ(rows[2].author, 2);
}

TEST_P(struct_mapping, first_one_and_one_or_none) {
    const auto summary = select(users.age, users.username).where(users.username == bindparam<"name", text>);
    EXPECT_EQ(conn->execute(summary, arg<"name"> = "bob").one<user_summary>().age, 25);
    EXPECT_EQ(conn->execute(summary, arg<"name"> = "dave").first<user_summary>()->username, "dave");
    EXPECT_FALSE(conn->execute(summary, arg<"name"> = "nobody").one_or_none<user_summary>().has_value());
    EXPECT_THROW(conn->execute(summary, arg<"name"> = "nobody").one<user_summary>(), no_result_found);
}

TEST_P(struct_mapping, returning_rows) {
    const auto added = conn->execute(insert(users)
                                         .values(users.username = "hana", users.email = "h@example.com", users.age = 3)
                                         .returning(users.username, users.age))
                           .one<user_summary>();
    EXPECT_EQ(added.username, "hana");
    EXPECT_EQ(added.age, 3);
}

}  // namespace
