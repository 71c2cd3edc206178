// Each exception class raised by a real violation, on every database, carrying
// the SQL, the parameters and the driver's own words.
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include <retort/retort.hpp>

#include "backend_fixture.hpp"

namespace retort::test {
namespace {

class errors_test : public backend_test {
protected:
    void SetUp() override {
        backend_test::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        engine_ = make_engine();
        auto conn = engine_.connect();
        conn.exec_driver_sql("DROP TABLE IF EXISTS err_posts");
        recreate(conn, "err_users",
                 "id INTEGER PRIMARY KEY, username VARCHAR(50) NOT NULL UNIQUE, age INTEGER CHECK (age >= 0)");
        recreate(conn, "err_posts", "id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES err_users (id)");
        conn.exec_driver_sql("INSERT INTO err_users VALUES (1, 'john', 30)");
        conn.commit();
    }

    // Runs `sql` with the given integer/text parameters through prepare()/run(),
    // the way the typed executor does, and rethrows what it raises.
    void run_with(connection& conn, const std::string& sql, const std::vector<std::string>& texts) {
        auto statement = conn.prepare(driver::uncached, sql);
        for (std::size_t i = 0; i < texts.size(); ++i) statement->bind_text(int(i), texts[i]);
        conn.run(*statement, sql, [&] {
            std::vector<std::string> shown;
            for (const auto& t : texts) shown.push_back("'" + t + "'");
            return shown;
        });
    }

    std::string insert_user_sql() const {
        return "INSERT INTO err_users (id, username, age) VALUES (" + placeholder(1) + ", " + placeholder(2) + ", " +
               placeholder(3) + ")";
    }

    template <class Error>
    Error expect_error(const std::string& sql, const std::vector<std::string>& params) {
        auto conn = engine_.connect();
        try {
            run_with(conn, sql, params);
        } catch (const Error& e) {
            return e;
        } catch (const std::exception& e) {
            ADD_FAILURE() << "wrong exception: " << e.what();
            throw;
        }
        ADD_FAILURE() << "no exception from " << sql;
        throw std::logic_error("no exception");
    }

    engine engine_;
};

TEST_P(errors_test, unique_violation_carries_sql_parameters_and_code) {
    const std::string sql = insert_user_sql();
    auto e = expect_error<unique_violation>(sql, {"2", "john", "20"});
    EXPECT_EQ(e.sql(), sql);
    EXPECT_EQ(e.params(), (std::vector<std::string>{"'2'", "'john'", "'20'"}));
    EXPECT_EQ(e.code(), is_postgresql() ? "23505" : "2067");
    const std::string what = e.what();
    EXPECT_NE(what.find("[SQL: " + sql + "]"), std::string::npos) << what;
    EXPECT_NE(what.find("[parameters: ('2', 'john', '20')]"), std::string::npos) << what;
    if (is_postgresql()) {
        EXPECT_NE(e.driver_message().find("duplicate key value violates unique constraint"), std::string::npos);
    } else {
        EXPECT_EQ(e.driver_message(), "UNIQUE constraint failed: err_users.username (SQLITE_CONSTRAINT_UNIQUE)");
    }
    EXPECT_TRUE(dynamic_cast<const integrity_error*>(&e) != nullptr);
}

TEST_P(errors_test, primary_key_violation_is_a_unique_violation) {
    auto e = expect_error<unique_violation>(insert_user_sql(), {"1", "other", "1"});
    EXPECT_EQ(e.code(), is_postgresql() ? "23505" : "1555");
}

TEST_P(errors_test, foreign_key_violation) {
    auto e = expect_error<foreign_key_violation>(
        "INSERT INTO err_posts (id, user_id) VALUES (" + placeholder(1) + ", " + placeholder(2) + ")", {"1", "99"});
    EXPECT_EQ(e.code(), is_postgresql() ? "23503" : "787");
    EXPECT_EQ(e.params(), (std::vector<std::string>{"'1'", "'99'"}));
}

TEST_P(errors_test, not_null_violation) {
    auto e = expect_error<not_null_violation>(
        "INSERT INTO err_users (id, username) VALUES (" + placeholder(1) + ", NULL)", {"5"});
    EXPECT_EQ(e.code(), is_postgresql() ? "23502" : "1299");
}

TEST_P(errors_test, check_violation) {
    auto e = expect_error<check_violation>(insert_user_sql(), {"6", "young", "-1"});
    EXPECT_EQ(e.code(), is_postgresql() ? "23514" : "275");
}

TEST_P(errors_test, syntax_error_is_a_programming_error) {
    auto conn = engine_.connect();
    try {
        auto statement = conn.prepare(driver::uncached, "SELEC 1");
        conn.run(*statement, "SELEC 1", {});
        FAIL() << "syntax error accepted";
    } catch (const programming_error& e) {
        EXPECT_EQ(e.sql(), "SELEC 1");
        EXPECT_EQ(e.code(), is_postgresql() ? "42601" : "1");
    }
}

TEST_P(errors_test, missing_table_is_a_programming_error) {
    auto conn = engine_.connect();
    try {
        conn.exec_driver_sql("SELECT * FROM no_such_table");
        FAIL();
    } catch (const programming_error& e) {
        EXPECT_NE(e.driver_message().find("no_such_table"), std::string::npos);
        EXPECT_EQ(e.sql(), "SELECT * FROM no_such_table");
    }
}

TEST_P(errors_test, bad_data_is_a_data_error) {
    // PostgreSQL: 'abc' is no integer (22P02). SQLite: an INTEGER PRIMARY KEY holds
    // only integers (SQLITE_MISMATCH).
    auto e = expect_error<data_error>(insert_user_sql(), {"abc", "bad", "1"});
    EXPECT_EQ(e.code(), is_postgresql() ? "22P02" : "20");
    EXPECT_EQ(e.params(), (std::vector<std::string>{"'abc'", "'bad'", "'1'"}));
}

TEST_P(errors_test, connection_stays_usable_after_an_integrity_error) {
    auto conn = engine_.connect();
    EXPECT_THROW(run_with(conn, insert_user_sql(), {"2", "john", "1"}), unique_violation);
    EXPECT_TRUE(conn.in_transaction());
    conn.rollback();
    run_with(conn, insert_user_sql(), {"2", "jane", "1"});
    conn.commit();
    conn.close();
    auto reader = engine_.connect();
    EXPECT_EQ(query_int(reader, "SELECT count(*) FROM err_users"), 2);
}

TEST_P(errors_test, error_while_reading_rows_goes_through_rethrow_with) {
    auto conn = engine_.connect();
    const std::string sql = "SELECT 1";
    auto statement = conn.prepare(driver::uncached, sql);
    conn.run(*statement, sql, {});
    try {
        try {
            throw data_error("value out of range", {});
        } catch (...) {
            conn.rethrow_with(sql, [] { return std::vector<std::string>{"42"}; });
        }
    } catch (const data_error& e) {
        EXPECT_EQ(e.sql(), sql);
        EXPECT_EQ(e.params(), std::vector<std::string>{"42"});
    }
}

RETORT_ALL_BACKENDS(errors_test);

TEST(sqlite_errors, database_locked_between_two_engines) {
    const std::string path = temp_sqlite_path();
    auto first = create_engine("sqlite:///" + path);
    auto second = create_engine("sqlite:///" + path + "?timeout=0.05");
    auto writer = first.connect();
    writer.exec_driver_sql("CREATE TABLE t (x INTEGER)");
    writer.commit();
    writer.exec_driver_sql("INSERT INTO t VALUES (1)");  // holds the write lock, uncommitted
    auto other = second.connect();
    try {
        other.exec_driver_sql("INSERT INTO t VALUES (2)");
        FAIL() << "second writer got the lock";
    } catch (const database_locked& e) {
        EXPECT_EQ(e.code(), "5");
        EXPECT_TRUE(dynamic_cast<const transient_error*>(&e) != nullptr);
    }
}

TEST(sqlite_errors, strict_table_type_mismatch_is_a_data_error) {
    auto engine = create_engine("sqlite://");
    auto conn = engine.connect();
    conn.exec_driver_sql("CREATE TABLE t (x INTEGER) STRICT");
    EXPECT_THROW(conn.exec_driver_sql("INSERT INTO t VALUES ('abc')"), data_error);
}

TEST(sqlite_errors, deferred_foreign_key_fails_at_commit_and_keeps_the_transaction) {
    auto engine = create_engine("sqlite://");
    auto conn = engine.connect();
    conn.exec_driver_sql("CREATE TABLE p (id INTEGER PRIMARY KEY)");
    conn.exec_driver_sql(
        "CREATE TABLE c (p_id INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)");
    conn.commit();
    conn.exec_driver_sql("INSERT INTO c VALUES (7)");
    EXPECT_THROW(conn.commit(), foreign_key_violation);
    EXPECT_TRUE(conn.in_transaction()) << "SQLite keeps the transaction open after a failed COMMIT";
    conn.exec_driver_sql("INSERT INTO p VALUES (7)");
    conn.commit();
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM c"), 1);
}

struct err_users_table : table<err_users_table, "err_users"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(username, varchar<50>, not_null);
    RETORT_COLUMN(age, integer);
};
inline constexpr err_users_table err_users;

// A failing typed statement shows what it bound, in binding order: its own values and the
// named arguments of execute() alike (the binding that bound them writes them as text).
TEST_P(errors_test, a_failing_statement_shows_its_values_and_its_named_arguments) {
    auto conn = engine_.connect();
    const auto add_user = insert(err_users).values(err_users.id = 2, err_users.username = bindparam<"name", varchar<50>>,
                                                   err_users.age = 20);
    try {
        conn.execute(add_user, arg<"name"> = std::string("john"));
        FAIL() << "the duplicate username was inserted";
    } catch (const unique_violation& e) {
        EXPECT_EQ(e.params(), (std::vector<std::string>{"2", "'john'", "20"}));
        EXPECT_EQ(e.sql(), sql_text(conn.dialect(), add_user));
    }
    conn.rollback();
    conn.execute(add_user, arg<"name"> = std::string("jane"));
    conn.commit();
    EXPECT_EQ(query_int(conn, "SELECT count(*) FROM err_users"), 2);
}

struct err_bulk_table : table<err_bulk_table, "err_bulk"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(name, text, not_null);
};
inline constexpr err_bulk_table err_bulk;

// A failing bulk statement: what() shows 10 of its parameter sets and the SQL cut short, saying
// what it left out; the accessors keep everything.
TEST_P(errors_test, a_failing_bulk_statement_shows_ten_parameter_sets) {
    auto conn = engine_.connect();
    recreate(conn, "err_bulk", "id INTEGER PRIMARY KEY, name TEXT NOT NULL");
    std::vector<std::tuple<int, std::string>> rows;
    for (int i = 0; i < 1000; ++i) rows.emplace_back(i, "name_" + std::to_string(i));
    rows.back() = {0, "duplicate"};  // the last row repeats the first key
    try {
        conn.execute_many(insert_rows(err_bulk.id, err_bulk.name), rows);
        FAIL() << "the duplicate key was inserted";
    } catch (const unique_violation& e) {
        const std::string what = e.what();
        EXPECT_LT(what.size(), 3000u) << what;
        EXPECT_NE(what.find("... displaying 10 of 1000 total bound parameter sets ..."), std::string::npos) << what;
        EXPECT_NE(what.find("[parameters: [(0, 'name_0'), (1, 'name_1'),"), std::string::npos) << what;
        EXPECT_NE(what.find("(998, 'name_998'), (0, 'duplicate')]]"), std::string::npos) << what;
        EXPECT_EQ(what.find("name_500"), std::string::npos) << what;
        EXPECT_NE(what.find(" characters truncated) ... "), std::string::npos) << what;
        EXPECT_EQ(e.params().size(), 2000u);
        EXPECT_EQ(e.params()[1000], "500");
        EXPECT_EQ(e.params_per_set(), 2u);
        EXPECT_EQ(e.parameter_sets(), 1000u);
        EXPECT_GT(e.sql().size(), statement_error::shown_sql_chars);
        EXPECT_EQ(e.sql().substr(0, 22), "INSERT INTO \"err_bulk\"");
    }
}

TEST(statement_error_message, long_values_and_long_sets_are_cut) {
    database_error e("boom", "SELECT 1");
    std::vector<std::string> values(150, "1");
    values[0] = std::string(1000, 'x');
    e.set_params(values);
    const std::string what = e.what();
    EXPECT_NE(what.find("[parameters: (" + std::string(225, 'x') + " ... (700 characters truncated) ... "),
              std::string::npos)
        << what;
    EXPECT_NE(what.find(", ... 50 more)]"), std::string::npos) << what;
    EXPECT_EQ(e.params(), values);
    EXPECT_EQ(e.parameter_sets(), 1u);
}

class postgresql_errors : public ::testing::Test {
protected:
    void SetUp() override {
        RETORT_REQUIRE_POSTGRES(pg_url);
        url_ = pg_url;
    }
    std::string url_;
};

TEST_F(postgresql_errors, terminated_backend_is_connection_lost_and_the_pool_recovers) {
    auto engine = create_engine(url_);
    auto victim = engine.connect();
    const auto pid = query_int(victim, "SELECT pg_backend_pid()");  // the transaction stays open
    {
        auto killer = engine.connect();
        EXPECT_EQ(query_int(killer, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(*pid)), 1);
        killer.exec_driver_sql("SELECT pg_terminate_backend(" + std::to_string(*pid) + ")");
        killer.commit();
    }
    const std::string sql = "SELECT $1::int";
    try {
        auto statement = victim.prepare(1, sql);
        statement->bind_int(0, 5);
        victim.run(*statement, sql, [] { return std::vector<std::string>{"5"}; });
        FAIL() << "statement ran on a terminated backend";
    } catch (const connection_lost& e) {
        EXPECT_EQ(e.sql(), sql);
        EXPECT_EQ(e.params(), std::vector<std::string>{"5"});
    }
    // Inside the (autobegun) transaction: rollback first, as SQLAlchemy asks.
    EXPECT_THROW(victim.exec_driver_sql("SELECT 1"), invalid_request_error);
    victim.rollback();
    const auto new_pid = query_int(victim, "SELECT pg_backend_pid()");
    EXPECT_NE(new_pid, pid);
    // Connections the pool held from before the loss are replaced too.
    auto next = engine.connect();
    EXPECT_EQ(query_int(next, "SELECT 1"), 1);
}

TEST_F(postgresql_errors, statement_timeout_is_query_canceled) {
    auto engine = create_engine(url_);
    auto conn = engine.connect();
    conn.exec_driver_sql("SET statement_timeout = '50ms'");
    try {
        conn.exec_driver_sql("SELECT pg_sleep(5)");
        FAIL();
    } catch (const query_canceled& e) {
        EXPECT_EQ(e.code(), "57014");
    }
}

TEST_F(postgresql_errors, cannot_connect_to_a_missing_database) {
    auto engine = create_engine(with_option(url_, "dbname=retort_missing_db"));
    EXPECT_THROW(engine.connect(), cannot_connect);
}

}  // namespace
}  // namespace retort::test
