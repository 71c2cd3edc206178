// Every operation, upgraded and downgraded one revision at a time with rows present: row
// counts and values compared after each step, the schema after each downgrade compared with
// the one the same revision had on the way up. On SQLite most of these rebuild tables.
#include <map>

#include <retort/migrate/revision_file.hpp>

#include "autogenerate.hpp"
#include "migrate_fixture.hpp"

namespace retort::test {
namespace {

using namespace retort::migrate;

std::vector<revision> operation_revisions() {
    return {
        {.id = "r1", .down_revisions = {}, .message = "create users and posts", .created = "2026-12-01 10:00:00",
         .upgrade = [](op& op) {
             op.create_table({.name = "users",
                              .columns = {column_def{"id", integer{}}.autoincrement(),
                                          column_def{"name", varchar<50>{}}.not_null(),
                                          column_def{"age", integer{}}},
                              .primary_key = {"id"},
                              .foreign_keys = {},
                              .unique_constraints = {{.name = "uq_users_name", .columns = {"name"}}},
                              .checks = {},
                              .indexes = {}});
             op.create_table({.name = "posts",
                              .columns = {column_def{"id", integer{}}.autoincrement(),
                                          column_def{"user_id", integer{}}.not_null(),
                                          column_def{"title", text{}}.not_null()},
                              .primary_key = {"id"},
                              .foreign_keys = {{.name = "fk_posts_user_id_users", .columns = {"user_id"},
                                                .referred_table = "users", .referred_columns = {"id"},
                                                .on_delete = fk_action::cascade, .on_update = fk_action::no_action}},
                              .unique_constraints = {},
                              .checks = {},
                              .indexes = {{.name = "ix_posts_title", .columns = {"title"}, .unique = false, .where_sql = ""}}});
         },
         .downgrade = [](op& op) {
             op.drop_table("posts");
             op.drop_table("users");
         }},
        {.id = "r2", .down_revisions = {"r1"}, .message = "seed rows", .created = "2026-12-01 10:01:00",
         .upgrade = [](op& op) {
             op.bulk_insert("users", {"id", "name", "age"},
                            {{std::int64_t{1}, std::string("ann"), std::int64_t{31}},
                             {std::int64_t{2}, std::string("bob"), std::int64_t{42}},
                             {std::int64_t{3}, std::string("o'hara"), std::int64_t{27}}});
             op.bulk_insert("posts", {"id", "user_id", "title"},
                            {{std::int64_t{1}, std::int64_t{1}, std::string("a")},
                             {std::int64_t{2}, std::int64_t{1}, std::string("b")},
                             {std::int64_t{3}, std::int64_t{2}, std::string("c")},
                             {std::int64_t{4}, std::int64_t{3}, std::string("d")}});
         },
         .downgrade = [](op& op) {
             op.execute("DELETE FROM \"posts\"");
             op.execute("DELETE FROM \"users\"");
         }},
        {.id = "r3", .down_revisions = {"r2"}, .message = "add status", .created = "2026-12-01 10:02:00",
         .upgrade = [](op& op) {
             op.add_column("users", column_def{"status", varchar<20>{}}.not_null().server_default("'active'"));
         },
         .downgrade = [](op& op) { op.drop_column("users", "status"); }},
        {.id = "r4", .down_revisions = {"r3"}, .message = "age bigint not null default 0", .created = "2026-12-01 10:03:00",
         .upgrade = [](op& op) {
             op.alter_column("users", "age",
                             {.type = column_type{bigint{}}, .nullable = false, .server_default = "0", .new_name = std::nullopt});
         },
         .downgrade = [](op& op) {
             op.alter_column("users", "age",
                             {.type = column_type{integer{}}, .nullable = true, .server_default = "", .new_name = std::nullopt});
         }},
        {.id = "r5", .down_revisions = {"r4"}, .message = "rename name", .created = "2026-12-01 10:04:00",
         .upgrade = [](op& op) {
             op.alter_column("users", "name",
                             {.type = std::nullopt, .nullable = std::nullopt, .server_default = std::nullopt, .new_name = "username"});
         },
         .downgrade = [](op& op) {
             op.alter_column("users", "username",
                             {.type = std::nullopt, .nullable = std::nullopt, .server_default = std::nullopt, .new_name = "name"});
         }},
        {.id = "r6", .down_revisions = {"r5"}, .message = "index, unique and check", .created = "2026-12-01 10:05:00",
         .upgrade = [](op& op) {
             op.create_index("users", {.name = "ix_users_age", .columns = {"age"}, .unique = false, .where_sql = ""});
             op.create_index("users", {.name = "ix_users_old", .columns = {"age"}, .unique = false, .where_sql = "\"age\" > 30"});
             op.create_unique_constraint("users", {.name = "uq_users_status_age", .columns = {"status", "age"}});
             op.create_check_constraint("users", {.name = "ck_users_age", .condition_sql = "\"age\" >= 0"});
         },
         .downgrade = [](op& op) {
             op.drop_constraint("users", "ck_users_age");
             op.drop_constraint("users", "uq_users_status_age");
             op.drop_index("users", "ix_users_old");
             op.drop_index("users", "ix_users_age");
         }},
        {.id = "r7", .down_revisions = {"r6"}, .message = "rename posts", .created = "2026-12-01 10:06:00",
         .upgrade = [](op& op) { op.rename_table("posts", "articles"); },
         .downgrade = [](op& op) { op.rename_table("articles", "posts"); }},
        {.id = "r8", .down_revisions = {"r7"}, .message = "tags with a foreign key", .created = "2026-12-01 10:07:00",
         .upgrade = [](op& op) {
             op.create_table({.name = "tags",
                              .columns = {column_def{"id", integer{}}.autoincrement(), column_def{"article_id", integer{}}},
                              .primary_key = {"id"},
                              .foreign_keys = {},
                              .unique_constraints = {},
                              .checks = {},
                              .indexes = {}});
             op.bulk_insert("tags", {"id", "article_id"}, {{std::int64_t{1}, std::int64_t{2}}});
             op.create_foreign_key("tags", {.name = "fk_tags_article", .columns = {"article_id"},
                                            .referred_table = "articles", .referred_columns = {"id"},
                                            .on_delete = fk_action::no_action, .on_update = fk_action::no_action});
         },
         .downgrade = [](op& op) {
             op.drop_constraint("tags", "fk_tags_article");
             op.drop_table("tags");
         }},
        {.id = "r9", .down_revisions = {"r8"}, .message = "drop title", .created = "2026-12-01 10:08:00",
         .upgrade = [](op& op) { op.drop_column("articles", "title"); },
         .downgrade = [](op& op) {
             op.add_column("articles", column_def{"title", text{}}.not_null().server_default("'lost'"));
             op.alter_column("articles", "title",
                             {.type = std::nullopt, .nullable = std::nullopt, .server_default = "", .new_name = std::nullopt});
             op.create_index("articles", {.name = "ix_posts_title", .columns = {"title"}, .unique = false, .where_sql = ""});
         }},
    };
}

environment operation_environment() {
    environment env;
    env.target = [](dialect_kind) { return schema{}; };
    env.revisions = operation_revisions();
    return env;
}

class operations : public migrate_test {
protected:
    std::string posts_table() {
        auto names = tables();
        return std::find(names.begin(), names.end(), "articles") != names.end() ? "articles" : "posts";
    }
    // Rows present at every step from r2 on: three users, four posts pointing at them.
    void expect_rows(const std::string& at) {
        SCOPED_TRACE("at " + at);
        auto users = inspect_all();
        std::string name_column = "name";
        for (const auto& t : users)
            if (t.name == "users" && t.column("username")) name_column = "username";
        EXPECT_EQ(column("SELECT \"" + name_column + "\" FROM \"users\" ORDER BY \"id\""),
                  (std::vector<std::string>{"ann", "bob", "o'hara"}));
        EXPECT_EQ(column("SELECT \"age\" FROM \"users\" ORDER BY \"id\""), (std::vector<std::string>{"31", "42", "27"}));
        EXPECT_EQ(column("SELECT \"user_id\" FROM \"" + posts_table() + "\" ORDER BY \"id\""),
                  (std::vector<std::string>{"1", "1", "2", "3"}));
    }
};

TEST_P(operations, every_operation_up_and_down_keeps_rows_and_schema) {
    const environment env = operation_environment();
    std::map<std::string, schema> schema_at;
    schema_at["base"] = inspect_all();
    const auto& revisions = env.revisions;
    for (const auto& r : revisions) {
        auto result = run(env, {"upgrade", "+1"});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        EXPECT_NE(result.out.find("Running upgrade"), std::string::npos) << result.out;
        EXPECT_EQ(column("SELECT \"version_num\" FROM \"retort_version\""), std::vector<std::string>{r.id});
        schema_at[r.id] = inspect_all();
        if (r.id != "r1") expect_rows(r.id);
    }
    // After r9: what each operation left, as the catalog says it.
    const schema final_schema = schema_at["r9"];
    auto table = [&](const std::string& name) {
        for (const auto& t : final_schema)
            if (t.name == name) return t;
        ADD_FAILURE() << "no table " << name;
        return table_def{};
    };
    const table_def users = table("users");
    ASSERT_NE(users.column("username"), nullptr);
    EXPECT_EQ(users.column("age")->type, column_type{bigint{}});
    EXPECT_FALSE(users.column("age")->nullable);
    EXPECT_EQ(users.column("status")->type, column_type::varchar_of(20));
    EXPECT_EQ(column("SELECT \"status\" FROM \"users\" ORDER BY \"id\""), (std::vector<std::string>{"active", "active", "active"}));
    EXPECT_EQ(users.indexes.size(), 2u);
    ASSERT_EQ(users.checks.size(), 1u);
    EXPECT_EQ(users.checks[0].name, "ck_users_age");
    const table_def articles = table("articles");
    EXPECT_EQ(articles.column("title"), nullptr);
    ASSERT_EQ(articles.foreign_keys.size(), 1u);
    EXPECT_EQ(articles.foreign_keys[0].referred_table, "users");
    EXPECT_EQ(articles.foreign_keys[0].on_delete, fk_action::cascade);
    const table_def tags = table("tags");
    ASSERT_EQ(tags.foreign_keys.size(), 1u);
    EXPECT_EQ(tags.foreign_keys[0].name, "fk_tags_article");
    EXPECT_EQ(column("SELECT count(*) FROM \"tags\""), std::vector<std::string>{"1"});
    // the check constraint is enforced
    {
        auto conn = engine().connect();
        EXPECT_THROW(conn.exec_driver_sql("UPDATE \"users\" SET \"age\" = -1 WHERE \"id\" = 1"), integrity_error);
    }

    for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
        auto result = run(env, {"downgrade", "-1"});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        const std::string now_at = it->down_revisions.empty() ? "base" : it->down_revisions.front();
        SCOPED_TRACE("downgraded to " + now_at);
        auto differences = migrate::detail::compare(schema_at[now_at], inspect_all(), dialect());
        for (const auto& d : differences) ADD_FAILURE() << d.description;
        if (now_at != "base" && now_at != "r1") expect_rows(now_at);
    }
    EXPECT_EQ(tables(), std::vector<std::string>{"retort_version"});
    EXPECT_TRUE(column("SELECT \"version_num\" FROM \"retort_version\"").empty());
}

// SQLite rebuilds "users" (a parent) with rows in "posts" pointing at it: foreign key actions
// must not run (ON DELETE CASCADE would empty posts), and the indexes of the rebuilt table
// come back.
TEST_P(operations, rebuilding_a_parent_table_keeps_child_rows_and_indexes) {
    const environment env = operation_environment();
    ASSERT_EQ(run(env, {"upgrade", "r6"}).exit_code, 0);
    ASSERT_EQ(column("SELECT count(*) FROM \"posts\""), std::vector<std::string>{"4"});
    auto result = run(env, {"downgrade", "r3"});  // alters and drops on users
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(column("SELECT count(*) FROM \"posts\""), std::vector<std::string>{"4"});
    EXPECT_EQ(column("SELECT count(*) FROM \"users\""), std::vector<std::string>{"3"});
    auto conn = engine().connect();
    auto posts = *inspect_table(conn, "posts");
    ASSERT_EQ(posts.indexes.size(), 1u);
    EXPECT_EQ(posts.indexes[0].name, "ix_posts_title");
    // foreign keys are enforced again after the migration
    EXPECT_THROW(conn.exec_driver_sql("INSERT INTO \"posts\" (\"user_id\", \"title\") VALUES (99, 'x')"), integrity_error);
}

RETORT_MIGRATE_BACKENDS(operations);

}  // namespace
}  // namespace retort::test
