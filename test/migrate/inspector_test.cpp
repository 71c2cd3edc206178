// inspect(): tables made by create_all read back as the metadata describes them (types as
// retort's SQL types, nullability, defaults, keys, constraints, indexes), so that autogenerate
// finds nothing to do.
#include <retort/migrate/metadata_schema.hpp>
#include <retort/retort.hpp>

#include "autogenerate.hpp"
#include "migrate_fixture.hpp"
#include "zoo_schema.hpp"

namespace retort::test {
namespace {

using namespace retort::migrate;
using zoo_schema::zoo;

class inspector : public migrate_test {};

TEST_P(inspector, create_all_reads_back_as_the_metadata_describes_it) {
    zoo.create_all(engine());
    const schema db = inspect_all();
    const schema want = describe(zoo, dialect());
    for (const auto& change : migrate::detail::compare(want, db, dialect())) ADD_FAILURE() << change.description;

    ASSERT_EQ(db.size(), 2u);
    const table_def& o = db[0].name == "owners" ? db[0] : db[1];
    const table_def& p = db[0].name == "owners" ? db[1] : db[0];
    EXPECT_EQ(o.primary_key, std::vector<std::string>{"id"});
    EXPECT_TRUE(o.column("id")->identity);
    EXPECT_EQ(o.column("login")->type, column_type::varchar_of(40));
    EXPECT_FALSE(o.column("login")->nullable);
    EXPECT_TRUE(o.column("score")->nullable);
    EXPECT_EQ(o.column("score")->type, column_type{double_precision{}});
    EXPECT_EQ(o.column("active")->type, column_type{boolean{}});
    EXPECT_EQ(o.column("created")->type, column_type{timestamp{}});
    EXPECT_EQ(o.column("price")->type, column_type::numeric_of(10, 2));
    EXPECT_EQ(o.column("photo")->type, column_type{blob{}});
    EXPECT_EQ(o.column("born")->type, column_type{date{}});
    // SQLite stores JSON as TEXT (create_all spells it so)
    EXPECT_EQ(o.column("settings")->type, is_postgresql() ? column_type{json{}} : column_type{text{}});
    EXPECT_EQ(o.column("level")->type, column_type{smallint{}});
    EXPECT_FALSE(o.column("created")->default_sql.empty());
    ASSERT_EQ(o.unique_constraints.size(), 1u);
    EXPECT_EQ(o.unique_constraints[0].columns, std::vector<std::string>{"login"});
    ASSERT_EQ(o.indexes.size(), 1u);
    EXPECT_EQ(o.indexes[0].name, "ix_owners_level");
    ASSERT_EQ(o.checks.size(), 1u);
    EXPECT_NE(o.checks[0].condition_sql.find("level"), std::string::npos);

    ASSERT_EQ(p.foreign_keys.size(), 1u);
    EXPECT_EQ(p.foreign_keys[0].columns, std::vector<std::string>{"owner_id"});
    EXPECT_EQ(p.foreign_keys[0].referred_table, "owners");
    EXPECT_EQ(p.foreign_keys[0].referred_columns, std::vector<std::string>{"id"});
    EXPECT_EQ(p.foreign_keys[0].on_delete, fk_action::cascade);
    ASSERT_EQ(p.unique_constraints.size(), 1u);
    EXPECT_EQ(p.unique_constraints[0].columns, (std::vector<std::string>{"owner_id", "name"}));
    ASSERT_EQ(p.indexes.size(), 1u);
    EXPECT_EQ(p.indexes[0].columns, (std::vector<std::string>{"kind", "name"}));
}

// Tables created by op.create_table from the metadata's description and by create_all are
// the same tables.
TEST_P(inspector, create_table_of_the_description_equals_create_all) {
    {
        auto conn = engine().connect();
        migrate::op o(conn, {});
        for (auto& table : describe(zoo, dialect())) o.create_table(table);
        conn.commit();
    }
    const schema made_by_op = inspect_all();
    zoo.drop_all(engine());
    zoo.create_all(engine());
    for (const auto& change : migrate::detail::compare(made_by_op, inspect_all(), dialect())) ADD_FAILURE() << change.description;
}

TEST_P(inspector, a_database_that_differs_is_described_change_by_change) {
    {
        auto conn = engine().connect();
        conn.exec_driver_sql("CREATE TABLE \"owners\" (\"id\" BIGINT NOT NULL PRIMARY KEY, \"login\" VARCHAR(80), \"old\" TEXT)");
        conn.exec_driver_sql("CREATE TABLE \"stale\" (\"id\" INTEGER)");
        conn.commit();
    }
    std::vector<std::string> descriptions;
    for (const auto& change : migrate::detail::compare(describe(zoo, dialect()), inspect_all(), dialect()))
        descriptions.push_back(change.description + (change.destructive ? " !" : ""));
    auto has = [&](const std::string& text) {
        return std::any_of(descriptions.begin(), descriptions.end(), [&](const std::string& d) { return d.starts_with(text); });
    };
    EXPECT_TRUE(has("alter column owners.login: type VARCHAR(80) -> VARCHAR(40) not null !")) << ::testing::PrintToString(descriptions);
    EXPECT_TRUE(has("add column owners.score"));
    EXPECT_TRUE(has("drop column owners.old !"));
    EXPECT_TRUE(has("add unique constraint uq_owners_login"));
    EXPECT_TRUE(has("add index ix_owners_level"));
    EXPECT_TRUE(has("add table pets"));
    EXPECT_TRUE(has("drop table stale !"));
}

RETORT_MIGRATE_BACKENDS(inspector);

}  // namespace
}  // namespace retort::test
