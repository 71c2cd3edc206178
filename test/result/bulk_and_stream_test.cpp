// execute_many (insert_rows / update_rows, VALUES batches and COPY) and stream_results,
// on SQLite (memory, file) and PostgreSQL.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <retort/retort.hpp>

#include "engine/backend_fixture.hpp"

namespace {
using namespace retort;

struct accounts_table : table<accounts_table, "bulk_accounts"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(username, varchar<50>, unique, not_null);
    RETORT_COLUMN(email, text, not_null);
    RETORT_COLUMN(age, integer);
    RETORT_COLUMN(note, text, default_("none"));
};
inline constexpr accounts_table accounts;

struct account_row {
    BOOST_HANA_DEFINE_STRUCT(account_row, (std::string, username), (std::string, email), (std::optional<std::int32_t>, age));
};

class bulk : public retort::test::backend_test {
protected:
    void SetUp() override {
        backend_test::SetUp();
        if (IsSkipped()) return;
        db = make_engine();
        metadata{accounts}.drop_all(db);
        metadata{accounts}.create_all(db);
    }
    std::vector<std::tuple<std::string, std::string, std::optional<int>>> make_rows(int n) {
        std::vector<std::tuple<std::string, std::string, std::optional<int>>> rows;
        for (int i = 0; i < n; ++i)
            rows.emplace_back("user_" + std::to_string(i), "tab\there\\and\nnewline " + std::to_string(i),
                              i % 5 ? std::optional<int>(i) : std::nullopt);
        return rows;
    }
    engine db;
};

TEST_P(bulk, insert_rows_in_batches_across_the_parameter_limit) {
    auto conn = db.connect();
    // 3 columns + the default_ column: SQLite takes 1000 rows per INSERT, so 2,500 rows are 3 INSERTs.
    EXPECT_EQ(conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), make_rows(2500)), 2500);
    conn.commit();
    EXPECT_EQ(conn.execute(select(count()).select_from(accounts)).scalar_one(), 2500);
    auto r = conn.execute(select(accounts).where(accounts.username == "user_7")).one();
    EXPECT_EQ(r.email, "tab\there\\and\nnewline 7");
    EXPECT_EQ(r.age, 7);
    EXPECT_EQ(r.note, "none");  // the default_ filled in for every row
    EXPECT_EQ(conn.execute(select(accounts.age).where(accounts.username == "user_10")).scalar_one(), std::nullopt);
}

TEST_P(bulk, copy_loads_the_same_rows) {
    auto conn = db.connect();
    EXPECT_EQ(conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), make_rows(3000),
                                {.method = bulk_method::copy}),
              3000);
    conn.commit();
    auto r = conn.execute(select(accounts).where(accounts.username == "user_2999")).one();
    EXPECT_EQ(r.email, "tab\there\\and\nnewline 2999");
    EXPECT_EQ(r.age, 2999);
    EXPECT_EQ(r.note, "none");
    EXPECT_EQ(conn.execute(select(count()).select_from(accounts).where(accounts.age.is_null())).scalar_one(), 600);
}

TEST_P(bulk, returning_gives_keys_in_input_order) {
    auto conn = db.connect();
    auto rows = make_rows(1500);
    auto keys = conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age).returning(accounts.id, accounts.username), rows);
    ASSERT_EQ(keys.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(keys[i].username, std::get<0>(rows[i]));
        if (i) {
            EXPECT_GT(keys[i].id, keys[i - 1].id);
        }
    }
}

TEST_P(bulk, rows_as_structs) {
    auto conn = db.connect();
    std::vector<account_row> rows{{"a", "a@x", 1}, {"b", "b@x", std::nullopt}};
    EXPECT_EQ(conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), rows), 2);
    EXPECT_EQ(conn.execute(select(accounts.username, accounts.email, accounts.age).order_by(accounts.username)).all<account_row>().size(), 2u);
}

TEST_P(bulk, a_failing_row_undoes_the_whole_call_and_nothing_else) {
    auto conn = db.connect();
    conn.execute(insert(accounts).values(accounts.username = "kept", accounts.email = "k"));
    auto rows = make_rows(1200);
    std::get<0>(rows[1100]) = "user_3";  // a duplicate in the second batch
    EXPECT_THROW(conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), rows), unique_violation);
    // the savepoint was rolled back: the transaction goes on with what it had
    EXPECT_EQ(conn.execute(select(accounts.username)).scalars(), std::vector<std::string>{"kept"});
    conn.commit();
}

TEST_P(bulk, update_rows_by_primary_key) {
    auto conn = db.connect();
    conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), make_rows(100));
    std::vector<std::tuple<int, std::optional<int>>> ages;
    for (int id = 1; id <= 100; ++id) ages.emplace_back(id, id * 10);
    EXPECT_EQ(conn.execute_many(update_rows(accounts.id, accounts.age), ages), 100);
    EXPECT_EQ(conn.execute(select(sum(accounts.age)).select_from(accounts)).scalar_one(), 50500);
}

TEST_P(bulk, stream_results_reads_everything_a_batch_at_a_time) {
    auto conn = db.connect();
    conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), make_rows(2345));
    std::int64_t seen = 0, age_sum = 0;
    for (const auto& row : conn.execute(stream_results(select(accounts.id, accounts.age).order_by(accounts.id), 100))) {
        ++seen;
        age_sum += row.age.value_or(0);
        EXPECT_EQ(row.id, seen);
    }
    EXPECT_EQ(seen, 2345);
    EXPECT_EQ(age_sum, conn.execute(select(sum(accounts.age)).select_from(accounts)).scalar_one());
    // leaving a stream early is fine, and the connection goes on
    auto partial = conn.execute(stream_results(select(accounts.id).where(accounts.id > bindparam<"from", integer>), 10), arg<"from"> = 2000);
    auto it = partial.begin();
    EXPECT_EQ(it->id, 2001);
    partial.close();
    EXPECT_EQ(conn.execute(select(count()).select_from(accounts)).scalar_one(), 2345);
    conn.commit();
}

// progress(done, total) after each batch: increasing, ending at the whole.
TEST_P(bulk, progress_reports_rows_done_of_total) {
    auto conn = db.connect();
    for (bulk_method method : {bulk_method::values, bulk_method::copy}) {
        std::vector<std::pair<std::int64_t, std::int64_t>> calls;
        conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), make_rows(2500),
                          {.method = method, .progress = [&](std::int64_t done, std::int64_t total) {
                               calls.emplace_back(done, total);
                           }});
        ASSERT_FALSE(calls.empty());
        for (std::size_t i = 0; i < calls.size(); ++i) {
            EXPECT_EQ(calls[i].second, 2500);
            if (i) {
                EXPECT_GT(calls[i].first, calls[i - 1].first);
            }
        }
        EXPECT_EQ(calls.back().first, 2500);
        // SQLite takes 1,000 rows a batch here (3 columns and the default): 3 batches; COPY reports
        // every batch's worth of rows too
        if (!is_postgresql()) {
            EXPECT_EQ(calls.size(), 3u);
        }
        conn.rollback();
    }
    conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), make_rows(10));
    std::vector<std::int64_t> done;
    std::vector<std::tuple<int, std::optional<int>>> ages;
    for (int id = 1; id <= 10; ++id) ages.emplace_back(id, id);
    conn.execute_many(update_rows(accounts.id, accounts.age), ages,
                      {.progress = [&](std::int64_t d, std::int64_t total) {
                           EXPECT_EQ(total, 10);
                           done.push_back(d);
                       }});
    EXPECT_EQ(done, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

// echo: one line per execute_many() call, not the SQL of each batch.
TEST_P(bulk, echo_logs_one_summary_line_per_call) {
    std::vector<std::string> lines;
    auto echoing = make_engine({.echo = true, .log = [&](std::string_view line) { lines.emplace_back(line); }});
    metadata{accounts}.drop_all(echoing);
    metadata{accounts}.create_all(echoing);
    auto conn = echoing.connect();
    lines.clear();
    conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), make_rows(2500));
    std::vector<std::string> inserts;
    for (const auto& line : lines)
        if (line.find("INSERT INTO") != std::string::npos) inserts.push_back(line);
    ASSERT_EQ(inserts.size(), 1u) << (lines.empty() ? "" : lines.back());
    EXPECT_EQ(inserts[0].rfind("[retort.engine] execute_many: 2500 rows in ", 0), 0u) << inserts[0];
    EXPECT_NE(inserts[0].find(R"(s: INSERT INTO "bulk_accounts" ("username", "email", "age", "note") VALUES ()"),
              std::string::npos)
        << inserts[0];
    EXPECT_LT(inserts[0].size(), 200u);
    if (is_postgresql()) {
        conn.rollback();  // the same usernames again
        lines.clear();
        conn.execute_many(insert_rows(accounts.username, accounts.email, accounts.age), make_rows(5),
                          {.method = bulk_method::copy});
        std::size_t copies = 0;
        for (const auto& line : lines)
            if (line.find("execute_many: 5 rows in 1 batch in ") != std::string::npos &&
                line.find(R"(: COPY "bulk_accounts" ("username", "email", "age", "note") FROM STDIN)") != std::string::npos)
                ++copies;
        EXPECT_EQ(copies, 1u);
    }
}

INSTANTIATE_TEST_SUITE_P(all, bulk,
                         ::testing::Values(retort::test::backend::sqlite_memory, retort::test::backend::sqlite_file,
                                           retort::test::backend::postgresql),
                         retort::test::backend_name);
}  // namespace
