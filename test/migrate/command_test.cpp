// The commands: history, heads, current, show, stamp, branches and merges, bad input (one-line
// errors naming the revision, database untouched), a failing revision rolled back, and
// offline SQL equal to what upgrade executed.
#include <filesystem>
#include <fstream>
#include <iterator>

#include <retort/migrate/revision_file.hpp>

#include "migrate_fixture.hpp"
#include "support/temp_dir.hpp"

namespace retort::test {
namespace {

using namespace retort::migrate;

void create_a(op& op) {
    op.create_table({.name = "a", .columns = {column_def{"id", integer{}}.autoincrement()}, .primary_key = {"id"},
                     .foreign_keys = {}, .unique_constraints = {}, .checks = {}, .indexes = {}});
}
void drop_a(op& op) { op.drop_table("a"); }
void add_b(op& op) { op.add_column("a", column_def{"b", text{}}); }
void drop_b(op& op) { op.drop_column("a", "b"); }
void add_c(op& op) { op.add_column("a", column_def{"c", integer{}}.not_null().server_default("7")); }
void drop_c(op& op) { op.drop_column("a", "c"); }
void nothing(op&) {}
void create_then_fail(op& op) {
    op.create_table({.name = "half", .columns = {column_def{"id", integer{}}}, .primary_key = {}, .foreign_keys = {},
                     .unique_constraints = {}, .checks = {}, .indexes = {}});
    op.add_column("a", column_def{"d", integer{}});
    op.execute("INSERT INTO \"no_such_table\" VALUES (1)");
}

environment env_of(std::vector<revision> revisions) {
    environment env;
    env.target = [](dialect_kind) { return schema{}; };
    env.revisions = std::move(revisions);
    return env;
}

// 1a0 <- 2b0 <- 3c0 (linear)
environment linear() {
    return env_of({{"1a0", {}, "create a", "2026-12-01 10:00:00", create_a, drop_a},
                   {"2b0", {"1a0"}, "add b", "2026-12-01 10:01:00", add_b, drop_b},
                   {"3c0", {"2b0"}, "add c", "2026-12-01 10:02:00", add_c, drop_c}});
}

// 1a0 <- {2b0, 2c0} <- 4m0 (merge)
std::vector<revision> branched() {
    return {{"1a0", {}, "create a", "2026-12-01 10:00:00", create_a, drop_a},
            {"2b0", {"1a0"}, "add b", "2026-12-01 10:01:00", add_b, drop_b},
            {"2c0", {"1a0"}, "add c", "2026-12-01 10:02:00", add_c, drop_c}};
}

bool one_line(const std::string& text) {
    return !text.empty() && text.find('\n') == text.size() - 1;
}

class commands : public migrate_test {};

TEST_P(commands, history_heads_current_show) {
    const auto env = linear();
    auto history = run(env, {"history"});
    EXPECT_EQ(history.out, "2b0 -> 3c0 (head), add c\n1a0 -> 2b0, add b\n<base> -> 1a0, create a\n");
    EXPECT_EQ(run(env, {"heads"}).out, "3c0 (head)\n");
    EXPECT_EQ(run(env, {"current"}).out, "");
    ASSERT_EQ(run(env, {"upgrade", "2b"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "2b0\n");
    ASSERT_EQ(run(env, {"upgrade", "head"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "3c0 (head)\n");
    auto show = run(env, {"show", "2b0"});
    EXPECT_EQ(show.out, "Rev: 2b0\nParent: 1a0\nCreate Date: 2026-12-01 10:01:00\n\n    add b\n");
    auto verbose = run(env, {"history", "--verbose"});
    EXPECT_NE(verbose.out.find("Rev: 3c0 (head)\nParent: 2b0\nCreate Date: 2026-12-01 10:02:00\n\n    add c\n"),
              std::string::npos)
        << verbose.out;
}

TEST_P(commands, upgrade_and_downgrade_by_steps_and_to_base) {
    const auto env = linear();
    ASSERT_EQ(run(env, {"upgrade", "+2"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "2b0\n");
    ASSERT_EQ(run(env, {"upgrade", "+1"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "3c0 (head)\n");
    auto none = run(env, {"upgrade", "head"});
    EXPECT_EQ(none.exit_code, 0);
    EXPECT_EQ(none.out, "");  // nothing to do
    auto too_far = run(env, {"upgrade", "+1"});
    EXPECT_EQ(too_far.exit_code, 1);
    ASSERT_EQ(run(env, {"downgrade", "-2"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "1a0\n");
    ASSERT_EQ(run(env, {"downgrade", "base"}).exit_code, 0);
    EXPECT_EQ(tables(), std::vector<std::string>{"retort_version"});
    EXPECT_EQ(run(env, {"current"}).out, "");
}

TEST_P(commands, stamp_sets_the_version_without_running_anything) {
    const auto env = linear();
    ASSERT_EQ(run(env, {"stamp", "head"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "3c0 (head)\n");
    EXPECT_EQ(tables(), std::vector<std::string>{"retort_version"});
    ASSERT_EQ(run(env, {"stamp", "base"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "");
}

TEST_P(commands, branches_need_heads_or_a_merge) {
    auto env = env_of(branched());
    auto head = run(env, {"upgrade", "head"});
    EXPECT_EQ(head.exit_code, 1);
    EXPECT_TRUE(one_line(head.err)) << head.err;
    EXPECT_NE(head.err.find("several heads (2b0, 2c0)"), std::string::npos) << head.err;
    EXPECT_EQ(tables(), std::vector<std::string>{});  // untouched
    ASSERT_EQ(run(env, {"upgrade", "heads"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "2b0 (head)\n2c0 (head)\n");
    // one branch back: the other stays
    ASSERT_EQ(run(env, {"downgrade", "-1"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "2b0 (head)\n");
    ASSERT_EQ(run(env, {"upgrade", "heads"}).exit_code, 0);

    auto revisions = branched();
    revisions.push_back({"4m0", {"2b0", "2c0"}, "merge", "2026-12-01 10:03:00", nothing, nothing});
    env = env_of(revisions);
    EXPECT_NE(run(env, {"history"}).out.find("(2b0, 2c0) -> 4m0 (head) (mergepoint), merge"), std::string::npos);
    ASSERT_EQ(run(env, {"upgrade", "head"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "4m0 (head)\n");
    ASSERT_EQ(run(env, {"downgrade", "-1"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "2b0\n2c0\n");  // no longer heads: the merge revises them
    ASSERT_EQ(run(env, {"downgrade", "1a0"}).exit_code, 0);
    EXPECT_EQ(run(env, {"current"}).out, "1a0\n");
}

// Each bad input: exit code 1, one line naming the revision, nothing written.
TEST_P(commands, bad_input_is_one_line_naming_the_revision_and_touches_nothing) {
    struct case_ {
        environment env;
        std::vector<std::string> args;
        std::string named;
    };
    std::vector<case_> cases;
    cases.push_back({linear(), {"upgrade", "zzz"}, "'zzz'"});
    cases.push_back({env_of({{"ab1", {}, "x", "", create_a, drop_a}, {"ab2", {"ab1"}, "y", "", add_b, drop_b}}),
                     {"upgrade", "ab"}, "'ab' is ambiguous: ab1, ab2"});
    cases.push_back({env_of({{"c1", {"c2"}, "x", "", create_a, drop_a}, {"c2", {"c1"}, "y", "", add_b, drop_b}}),
                     {"upgrade", "heads"}, "cycle through 'c1'"});
    cases.push_back({env_of({{"m1", {"gone"}, "x", "", create_a, drop_a}}), {"upgrade", "head"}, "'m1' revises 'gone'"});
    cases.push_back({env_of({{"d1", {}, "x", "", create_a, drop_a}, {"d1", {}, "y", "", add_b, drop_b}}),
                     {"upgrade", "head"}, "'d1' is used by two revision files"});
    cases.push_back({linear(), {"downgrade", "3c0"}, "'3c0' is not applied"});
    for (const auto& c : cases) {
        SCOPED_TRACE(c.args[0] + " " + c.args[1]);
        auto result = run(c.env, c.args);
        EXPECT_EQ(result.exit_code, 1);
        EXPECT_TRUE(one_line(result.err)) << result.err;
        EXPECT_NE(result.err.find(c.named), std::string::npos) << result.err;
        EXPECT_EQ(tables(), std::vector<std::string>{});
    }
    // a database stamped with a revision this program does not have
    {
        auto conn = engine().connect();
        conn.exec_driver_sql("CREATE TABLE \"retort_version\" (\"version_num\" VARCHAR(32) NOT NULL PRIMARY KEY)");
        conn.exec_driver_sql("INSERT INTO \"retort_version\" VALUES ('f00f')");
        conn.commit();
    }
    for (std::vector<std::string> args : {std::vector<std::string>{"upgrade", "head"}, {"current"}, {"downgrade", "base"}}) {
        auto result = run(linear(), args);
        EXPECT_EQ(result.exit_code, 1);
        EXPECT_TRUE(one_line(result.err)) << result.err;
        EXPECT_NE(result.err.find("stamped with revision 'f00f'"), std::string::npos) << result.err;
    }
    EXPECT_EQ(tables(), std::vector<std::string>{"retort_version"});
    EXPECT_EQ(column("SELECT \"version_num\" FROM \"retort_version\""), std::vector<std::string>{"f00f"});
}

TEST_P(commands, a_failing_revision_leaves_schema_and_version_as_they_were) {
    auto revisions = linear().revisions;
    revisions.push_back({"4f0", {"3c0"}, "fails", "2026-12-01 10:03:00", create_then_fail, nothing});
    const auto env = env_of(revisions);
    ASSERT_EQ(run(env, {"upgrade", "3c0"}).exit_code, 0);
    {
        auto conn = engine().connect();
        conn.exec_driver_sql("INSERT INTO \"a\" (\"b\") VALUES ('kept')");
        conn.commit();
    }
    const auto before = inspect_all();
    auto result = run(env, {"upgrade", "head"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("no_such_table"), std::string::npos) << result.err;
    EXPECT_EQ(run(env, {"current"}).out, "3c0\n");
    EXPECT_EQ(tables(), (std::vector<std::string>{"a", "retort_version"}));
    auto conn = engine().connect();
    EXPECT_EQ(inspect_table(conn, "a")->columns.size(), before.front().columns.size());
    EXPECT_EQ(column("SELECT \"b\" FROM \"a\""), std::vector<std::string>{"kept"});
}

TEST_P(commands, offline_sql_is_what_upgrade_executes) {
    auto env = linear();
    std::vector<std::string> executed, printed;
    env.on_statement = [&](const std::string& sql) { executed.push_back(sql); };
    ASSERT_EQ(run(env, {"upgrade", "head"}).exit_code, 0);
    ASSERT_EQ(run(env, {"downgrade", "1a0"}).exit_code, 0);
    env.on_statement = [&](const std::string& sql) { printed.push_back(sql); };
    auto up = run(env, {"upgrade", "head", "--sql"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    auto down = run(env, {"downgrade", "3c0:1a0", "--sql"});
    ASSERT_EQ(down.exit_code, 0) << down.err;
    EXPECT_EQ(printed, executed);
    EXPECT_NE(up.out.find("CREATE TABLE \"a\""), std::string::npos) << up.out;
    EXPECT_NE(up.out.find("INSERT INTO \"retort_version\" (\"version_num\") VALUES ('1a0');"), std::string::npos) << up.out;
    EXPECT_NE(up.out.find("BEGIN;"), std::string::npos);
    // --sql touched nothing
    EXPECT_EQ(run(env, {"current"}).out, "1a0\n");
    EXPECT_EQ(run(env, {"downgrade", "base", "--sql"}).exit_code, 1);  // needs FROM:
}

// revision -m and merge -m write a revision file into versions/ and list it in
// versions/meson.build; their down_revisions are the head, or the merged revisions.
TEST_P(commands, revision_and_merge_write_listed_files) {
    const std::filesystem::path dir = detail::make_temp_dir("retort-versions");
    auto env = env_of(branched());
    env.versions_dir = dir.string();
    auto several = run(env, {"revision", "-m", "next"});
    EXPECT_EQ(several.exit_code, 1);
    EXPECT_NE(several.err.find("several heads (2b0, 2c0): merge them first"), std::string::npos) << several.err;
    auto merged = run(env, {"merge", "-m", "Merge b and c", "2b", "2c"});
    ASSERT_EQ(merged.exit_code, 0) << merged.err;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".cpp") files.push_back(entry.path());
    ASSERT_EQ(files.size(), 1u);
    EXPECT_TRUE(files[0].filename().string().ends_with("_merge_b_and_c.cpp")) << files[0];
    auto read = [](const std::filesystem::path& p) {
        std::ifstream in(p);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string merge_text = read(files[0]);
    EXPECT_NE(merge_text.find(".down_revisions = {\"2b0\", \"2c0\"}"), std::string::npos) << merge_text;
    EXPECT_NE(merge_text.find(".message = \"Merge b and c\""), std::string::npos) << merge_text;
    EXPECT_NE(read(dir / "meson.build").find("'" + files[0].filename().string() + "',"), std::string::npos);

    auto linear_env = linear();
    linear_env.versions_dir = dir.string();
    auto plain = run(linear_env, {"revision", "-m", "add d"});
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    const std::string listing = read(dir / "meson.build");
    EXPECT_NE(listing.find("_add_d.cpp'"), std::string::npos) << listing;
    std::filesystem::remove_all(dir);
}

RETORT_MIGRATE_BACKENDS(commands);

}  // namespace
}  // namespace retort::test
