// What the database refuses, and the exception that says so, the same on every backend.
// After each refusal the transaction is rolled back and the earlier rows are still there.
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "schema/database_fixture.hpp"
#include "schema/schema.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;

class constraints : public retort::test::database_test {
protected:
    void SetUp() override {
        database_test::SetUp();
        if (IsSkipped() || HasFailure()) return;
        metadata{users, teams, members}.create_all(db);
        conn.emplace(db.connect());
        user = conn->execute(insert(users).values(users.username = "taken", users.email = "t@example.com")).inserted_primary_key();
        team = conn->execute(insert(teams).values(teams.name = "core", teams.code = "C1")).inserted_primary_key();
        conn->execute(insert(members).values(members.user_id = user, members.team_id = team, members.seat = 1));
        conn->commit();
    }
    void TearDown() override { conn.reset(); }

    // The rows the fixture made survive every refusal.
    void expect_fixture_rows_intact() {
        conn->rollback();
        EXPECT_EQ(conn->execute(select(users.username)).scalars(), std::vector<std::string>{"taken"});
        EXPECT_EQ(conn->execute(select(teams.name)).scalars(), std::vector<std::string>{"core"});
        EXPECT_EQ(conn->execute(select(members.seat)).scalars(), std::vector<std::int32_t>{1});
    }

    std::optional<connection> conn;
    int user = 0;
    int team = 0;
};
RETORT_ALL_BACKENDS(constraints);

TEST_P(constraints, varchar_fits_up_to_its_length_in_characters) {
    const std::string fifty(50, 'x');
    std::string fifty_accented;
    for (int i = 0; i < 50; ++i) fifty_accented += "\xc3\xa9";  // é: two bytes, one character
    conn->execute(insert(users).values(users.username = fifty, users.email = "a@example.com"));
    conn->execute(insert(users).values(users.username = fifty_accented, users.email = "b@example.com"));
    conn->commit();
    EXPECT_EQ(conn->execute(select(users.username).where(users.email == "b@example.com")).scalar_one(), fifty_accented);
}

// PostgreSQL: string_data_right_truncation. SQLite: the named CHECK retort adds, which the
// driver reports as data_error too.
TEST_P(constraints, varchar_overflow_is_a_data_error) {
    const std::string fifty_one(51, 'x');
    try {
        conn->execute(insert(users).values(users.username = fifty_one, users.email = "a@example.com"));
        ADD_FAILURE() << "a 51-character username went into varchar(50)";
    } catch (const data_error& e) {
        EXPECT_NE(e.sql().find("INSERT INTO \"users\""), std::string::npos) << e.what();
        ASSERT_EQ(e.params().size(), 2u) << e.what();
        EXPECT_EQ(e.params()[0], "'" + fifty_one + "'");
    } catch (const std::exception& e) {
        ADD_FAILURE() << "expected data_error, got " << typeid(e).name() << ": " << e.what();
    }
    expect_fixture_rows_intact();
    EXPECT_THROW(conn->execute(update(users).set(users.email = std::string(101, 'e')).where(users.id == user)), data_error);
    expect_fixture_rows_intact();
}

TEST_P(constraints, check_constraint) {
    EXPECT_THROW(conn->execute(insert(teams).values(teams.name = "empty", teams.seats = 0)), check_violation);
    expect_fixture_rows_intact();
    EXPECT_THROW(conn->execute(update(teams).set(teams.plan = "enterprise").where(teams.id == team)), check_violation);
    expect_fixture_rows_intact();
    conn->execute(update(teams).set(teams.plan = "it's complicated", teams.seats = 500).where(teams.id == team));
    conn->commit();
    EXPECT_EQ(conn->execute(select(teams.plan)).scalar_one(), "it's complicated");
}

// The DSL refuses NULL for a NOT NULL column at compile time; a bindparam's value can still
// be NULL at run time, and the database says no.
TEST_P(constraints, not_null) {
    const auto add_user = insert(users).values(users.username = bindparam<"name", text>, users.email = "n@example.com");
    EXPECT_THROW(conn->execute(add_user, arg<"name"> = std::optional<std::string>{}), not_null_violation);
    expect_fixture_rows_intact();
    const auto rename = update(teams).set(teams.name = bindparam<"name", text>).where(teams.id == team);
    EXPECT_THROW(conn->execute(rename, arg<"name"> = std::optional<std::string>{}), not_null_violation);
    expect_fixture_rows_intact();
    conn->execute(add_user, arg<"name"> = std::optional<std::string>{"present"});
    conn->commit();
    EXPECT_EQ(conn->execute(select(users.id).where(users.username == "present")).all().size(), 1u);
}

TEST_P(constraints, unique_column_key_composite_and_index) {
    EXPECT_THROW(conn->execute(insert(users).values(users.username = "taken", users.email = "other@example.com")),
                 unique_violation);
    expect_fixture_rows_intact();
    // primary key (user_id, team_id)
    EXPECT_THROW(conn->execute(insert(members).values(members.user_id = user, members.team_id = team, members.seat = 2)),
                 unique_violation);
    expect_fixture_rows_intact();
    // unique (team_id, seat)
    const int other = conn->execute(insert(users).values(users.username = "other", users.email = "o@example.com")).inserted_primary_key();
    EXPECT_THROW(conn->execute(insert(members).values(members.user_id = other, members.team_id = team, members.seat = 1)),
                 unique_violation);
    expect_fixture_rows_intact();
    // unique_index_on<"ux_teams_code">
    EXPECT_THROW(conn->execute(insert(teams).values(teams.name = "second", teams.code = "C1")), unique_violation);
    expect_fixture_rows_intact();
    // an explicit key that exists
    EXPECT_THROW(conn->execute(insert(teams).values(teams.id = team, teams.name = "third")), unique_violation);
    expect_fixture_rows_intact();
}

// Errors carry the statement and its parameters.
TEST_P(constraints, errors_name_the_statement_and_values) {
    try {
        conn->execute(insert(users).values(users.username = "taken", users.email = "x@example.com", users.age = 3));
        FAIL() << "no unique_violation";
    } catch (const unique_violation& e) {
        EXPECT_EQ(e.sql(), sql_text(conn->dialect(),
                                    insert(users).values(users.username = "", users.email = "", users.age = 0)));
        EXPECT_EQ(e.params(), (std::vector<std::string>{"'taken'", "'x@example.com'", "3"}));
        EXPECT_NE(std::string(e.what()).find("[parameters: ('taken', 'x@example.com', 3)]"), std::string::npos) << e.what();
    }
    expect_fixture_rows_intact();
}

}  // namespace
