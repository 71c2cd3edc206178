// PostgreSQL through PgBouncer in transaction pooling mode: each transaction may run on another
// server connection, so named prepared statements made in one are missing (or already there)
// in the next. ?prepared_statements=false makes retort run every statement unnamed.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <retort/retort.hpp>

#include "scaling_tables.hpp"
#include "support/postgres.hpp"
#include "support/standby_servers.hpp"

namespace retort::test {
namespace {

class pgbouncer : public ::testing::Test {
protected:
    void SetUp() override {
        RETORT_REQUIRE_POSTGRES(url);
        RETORT_REQUIRE_STANDBY(bouncer, "RETORT_TEST_PGBOUNCER_URL");
        bouncer_url = bouncer;
        auto setup = create_engine(url);
        metadata{notes}.drop_all(setup);
        metadata{notes}.create_all(setup);
    }
    std::string bouncer_url;
};

TEST_F(pgbouncer, the_url_option_turns_named_statements_off) {
    auto engine = create_engine(url_with_option(bouncer_url, "prepared_statements=false"));
    EXPECT_FALSE(engine.options().prepared_statements);
    EXPECT_TRUE(create_engine(bouncer_url).options().prepared_statements);
    try {
        create_engine(url_with_option(bouncer_url, "prepared_statements=maybe"));
        ADD_FAILURE() << "no url_error";
    } catch (const url_error& e) {
        EXPECT_NE(std::string(e.what()).find("query option 'prepared_statements' is 'maybe', not true or false"),
                  std::string::npos)
            << e.what();
    }
}

// Eight threads, each its own client connection, share PgBouncer's four server connections;
// every transaction runs the same statements (the same cache keys) again.
TEST_F(pgbouncer, many_transactions_over_a_small_server_pool_without_prepared_statements) {
    auto engine = create_engine(url_with_option(bouncer_url, "prepared_statements=false"), {.pool_size = 8});
    constexpr int threads = 8, per_thread = 60;
    std::atomic<int> failed{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                try {
                    const int id = t * 1000 + i;
                    engine.transaction([&](connection& conn) {
                        conn.execute(insert(notes).values(notes.id = id, notes.body = "first"));
                        conn.execute(update(notes).set(notes.body = "second").where(notes.id == id));
                        if (conn.execute(select(notes.body).where(notes.id == id)).scalar() != "second")
                            throw std::runtime_error("row " + std::to_string(id) + " not updated");
                    });
                    auto conn = engine.connect();  // commit-as-you-go, a transaction of its own
                    if (conn.execute(select(notes.id).where(notes.id == id)).all().size() != 1)
                        throw std::runtime_error("row " + std::to_string(id) + " missing");
                } catch (const std::exception& e) {
                    if (failed.fetch_add(1) < 3) ADD_FAILURE() << e.what();
                }
            }
        });
    }
    for (auto& worker : workers) worker.join();
    EXPECT_EQ(failed.load(), 0);
    auto conn = engine.connect();
    EXPECT_EQ(conn.scalar(select(count(notes.id))), threads * per_thread);
}

// The engine's statement timeout leaves no SET behind on PgBouncer's server connections (other
// clients would inherit it): the client cancels the statement itself.
TEST_F(pgbouncer, the_statement_timeout_is_the_clients_and_leaves_no_session_setting) {
    auto engine = create_engine(url_with_option(bouncer_url, "prepared_statements=false"),
                                {.pool_size = 1, .statement_timeout = 0.2});
    auto conn = engine.connect();
    EXPECT_THROW(conn.execute(text_clause<"SELECT pg_sleep(30)">()).all(), statement_timeout_error);
    conn.rollback();
    EXPECT_EQ(conn.scalar(select(count(notes.id))), 0);
    conn.close();
    // Every server connection PgBouncer holds still has the server's default.
    auto other = create_engine(url_with_option(bouncer_url, "prepared_statements=false"), {.pool_size = 8});
    std::vector<connection> held;
    for (int i = 0; i < 4; ++i) {
        held.push_back(other.connect());
        // Its autobegun transaction keeps its server connection until it ends: four in all.
        EXPECT_EQ(held.back().scalar(text_clause<"SHOW statement_timeout">().columns(
                      result_column<"statement_timeout", text>)),
                  "0");
    }
}

// What the option avoids: two clients alternating the same statement through PgBouncer with
// named statements meet each other's (or miss their own) prepared statement on the server.
TEST_F(pgbouncer, named_statements_break_under_transaction_pooling) {
    auto first = create_engine(bouncer_url, {.pool_size = 1});
    auto second = create_engine(bouncer_url, {.pool_size = 1});
    auto a = first.connect();
    auto b = second.connect();
    std::string error;
    for (int i = 0; i < 20 && error.empty(); ++i) {
        for (connection* conn : {&a, &b}) {
            try {
                conn->execute(select(notes.id).where(notes.id == i)).all();
                conn->commit();
            } catch (const database_error& e) {
                error = e.what();
                conn->rollback();
                break;
            }
        }
    }
    EXPECT_NE(error.find("prepared statement"), std::string::npos) << "no prepared-statement error in 20 rounds";
}

}  // namespace
}  // namespace retort::test
