// metadata{...} creates tables after the tables they reference and drops them in reverse,
// whatever order they are listed in. The order is computed at compile time.
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <retort/stmt/metadata.hpp>

#include "schema/schema.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;

// comments -> posts -> users, comments -> users, members -> users and teams
using wrong_order = metadata<comments_table, members_table, posts_table, teams_table, users_table>;
// teams and users reference nothing; members, posts, comments come after what they need.
static_assert(wrong_order::creation_order == std::array<std::size_t, 5>{3, 4, 1, 2, 0});
static_assert(metadata<posts_table, users_table>::creation_order == std::array<std::size_t, 2>{1, 0});
static_assert(metadata<users_table, posts_table>::creation_order == std::array<std::size_t, 2>{0, 1});

// The table each CREATE TABLE / DROP TABLE statement names, in order.
std::vector<std::string> tables_named(const std::vector<std::string>& statements, const std::string& prefix) {
    std::vector<std::string> names;
    for (const auto& sql : statements) {
        if (sql.rfind(prefix, 0) != 0) continue;
        auto begin = sql.find('"', prefix.size());
        auto end = sql.find('"', begin + 1);
        names.push_back(sql.substr(begin + 1, end - begin - 1));
    }
    return names;
}

using names = std::vector<std::string>;

TEST(metadata_order, creates_referenced_tables_first) {
    for (auto statements : {wrong_order::create_statements<postgresql>(), wrong_order::create_statements<sqlite>()}) {
        EXPECT_EQ(tables_named(statements, "CREATE TABLE IF NOT EXISTS "),
                  (names{"teams", "users", "members", "posts", "comments"}));
    }
}

// A table's indexes follow its CREATE TABLE.
TEST(metadata_order, indexes_follow_their_table) {
    const auto statements = wrong_order::create_statements<postgresql>(false);
    ASSERT_EQ(statements.size(), 8u);
    EXPECT_EQ(statements[0].rfind("CREATE TABLE \"teams\"", 0), 0u);
    EXPECT_EQ(statements[1], "CREATE INDEX \"ix_teams_name\" ON \"teams\" (\"name\")");
    EXPECT_EQ(statements[2], "CREATE INDEX \"ix_teams_plan_seats\" ON \"teams\" (\"plan\", \"seats\")");
    EXPECT_EQ(statements[3], "CREATE UNIQUE INDEX \"ux_teams_code\" ON \"teams\" (\"code\")");
    EXPECT_EQ(statements[4].rfind("CREATE TABLE \"users\"", 0), 0u);
}

TEST(metadata_order, drops_in_reverse) {
    EXPECT_EQ(wrong_order::drop_statements<postgresql>(),
              (names{"DROP TABLE IF EXISTS \"comments\"", "DROP TABLE IF EXISTS \"posts\"", "DROP TABLE IF EXISTS \"members\"",
                     "DROP TABLE IF EXISTS \"users\"", "DROP TABLE IF EXISTS \"teams\""}));
    EXPECT_EQ(tables_named(wrong_order::drop_statements<sqlite>(false), "DROP TABLE "),
              (names{"comments", "posts", "members", "users", "teams"}));
}

// The object form, as users write it.
TEST(metadata_order, object_form_lists_tables_in_any_order) {
    const auto schema = metadata{posts, comments, users};
    EXPECT_EQ(tables_named(decltype(schema)::create_statements<sqlite>(false), "CREATE TABLE "),
              (names{"users", "posts", "comments"}));
}

}  // namespace
