// text_clause: SQL text with :name parameters, compile-time and run-time, with and
// without declared columns, executed on SQLite (memory, file) and PostgreSQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

// The parameters are found at compile time, the text is rendered per dialect.
constexpr auto adults = text_clause<"SELECT id, username FROM users WHERE age > :min_age AND age < :max_age ORDER BY id">();
static_assert(sql_text<postgresql>(adults) == "SELECT id, username FROM users WHERE age > $1 AND age < $2 ORDER BY id");
static_assert(sql_text<sqlite>(adults) == "SELECT id, username FROM users WHERE age > ? AND age < ? ORDER BY id");
static_assert(decltype(adults)::parameters::count == 2);
static_assert(decltype(adults)::parameters::names[1] == "max_age");

// Quotes, comments and casts hold no parameters; \: is a colon of the SQL.
constexpr auto tricky = text_clause<R"(SELECT ':no', "a:b", x::text, '10\:30' -- :none
/* :nor */ FROM t WHERE a = :yes AND b = \:lit)">();
static_assert(decltype(tricky)::parameters::count == 1);
static_assert(sql_text<postgresql>(tricky) == R"(SELECT ':no', "a:b", x::text, '10\:30' -- :none
/* :nor */ FROM t WHERE a = $1 AND b = :lit)");

// A name used twice is bound twice.
constexpr auto twice = text_clause<"SELECT :v + :v">();
static_assert(sql_text<postgresql>(twice) == "SELECT $1 + $2");

class text_clause_test : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(text_clause_test);

TEST_P(text_clause_test, declared_table_columns_give_typed_rows) {
    const auto stmt = adults.columns(users.id, users.username);
    std::vector<std::string> seen;
    for (const auto& row : conn->execute(stmt, arg<"min_age"> = 20, arg<"max_age"> = 40)) {
        static_assert(std::is_same_v<std::remove_cvref_t<decltype(row.username)>, std::string>);
        seen.push_back(std::to_string(row.id) + ":" + row.username);
    }
    EXPECT_EQ(seen, (names{"1:alice", "2:bob"}));
}

TEST_P(text_clause_test, result_columns_give_labeled_fields) {
    const auto stmt = text_clause<"SELECT username AS name, age FROM users WHERE username = :name">().columns(
        result_column<"name", varchar<50>>, nullable_result_column<"age", integer>);
    const auto carol = conn->execute(stmt, arg<"name"> = "carol").one();
    EXPECT_EQ(carol.get<"name">(), "carol");
    EXPECT_EQ(carol.get<"age">(), std::nullopt);
    EXPECT_EQ(conn->execute(stmt, arg<"name"> = std::string("dave")).one().get<"age">(), 41);
}

TEST_P(text_clause_test, rows_without_declared_columns_are_mappings) {
    const auto rows = conn->execute(text_clause<"SELECT id, username, age FROM users WHERE id <= :n ORDER BY id">(),
                                    arg<"n"> = 3)
                          .all();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].keys(), (names{"id", "username", "age"}));
    EXPECT_EQ(rows[0].get<int>("id"), 1);
    EXPECT_EQ(std::get<std::string>(rows[1]["username"]), "bob");
    EXPECT_TRUE(is_null(rows[2]["age"]));
    EXPECT_EQ(rows[2].get<std::optional<int>>("age"), std::nullopt);
    EXPECT_EQ(rows[1].get<std::int64_t>(2), 25);
}

TEST_P(text_clause_test, values_are_bound_not_spliced) {
    const std::string hostile = "x' OR '1'='1";
    EXPECT_FALSE(conn->execute(text_clause<"SELECT id FROM users WHERE username = :u">(), arg<"u"> = hostile).first());
    // The value travels as a parameter: it round-trips unchanged.
    EXPECT_EQ(conn->scalar(text_clause<"SELECT :v">().columns(result_column<"v", text>), arg<"v"> = hostile), hostile);
}

TEST_P(text_clause_test, writes_report_rowcount) {
    auto r = conn->execute(text_clause<"UPDATE users SET age = age + 1 WHERE age > :a">(), arg<"a"> = 20);
    EXPECT_EQ(r.all().size(), 0u);
    EXPECT_EQ(r.rowcount(), 3);
    EXPECT_EQ(conn->scalar(select(users.age).where(users.username == "dave")), 42);
}

TEST_P(text_clause_test, runtime_text_is_parsed_at_execution) {
    const std::string table = "users";
    const auto stmt = text_clause("SELECT username FROM " + table + " WHERE age >= :min ORDER BY id")
                          .columns(users.username);
    EXPECT_EQ(conn->scalars(stmt, arg<"min"> = 30), (names{"alice", "dave"}));
    EXPECT_THROW(conn->execute(stmt), argument_error);                                        // :min has no value
    EXPECT_THROW(conn->execute(stmt, arg<"min"> = 1, arg<"max"> = 2), argument_error);        // :max is not in the text
    try {
        conn->execute(stmt);
    } catch (const argument_error& e) {
        EXPECT_NE(std::string(e.what()).find("no value given for :min"), std::string::npos) << e.what();
    }
    // the connection goes on working
    EXPECT_EQ(conn->scalars(stmt, arg<"min"> = 40), (names{"dave"}));
}

TEST_P(text_clause_test, runtime_rows_are_mappings) {
    auto rows = conn->execute(text_clause("SELECT username, age FROM users WHERE id = :id"), arg<"id"> = 2).all();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].get<std::string>("username"), "bob");
}

TEST_P(text_clause_test, declared_columns_must_match_the_text) {
    const auto stmt = text_clause<"SELECT id, username FROM users">().columns(users.id);
    EXPECT_THROW(conn->execute(stmt), invalid_request_error);
    EXPECT_EQ(conn->scalar(select(count()).select_from(users)), 5);
}

TEST_P(text_clause_test, database_errors_carry_sql_and_parameters) {
    try {
        conn->execute(text_clause<"INSERT INTO users (username, email) VALUES (:name, NULL)">(), arg<"name"> = "zed");
        FAIL() << "no error";
    } catch (const not_null_violation& e) {
        EXPECT_NE(e.sql().find("INSERT INTO users (username, email) VALUES ("), std::string::npos);
        EXPECT_EQ(e.params(), (names{"'zed'"}));
    }
    conn->rollback();
    EXPECT_THROW(conn->execute(text_clause<"SELECT * FROM no_such_table">()), programming_error);
}

}  // namespace
