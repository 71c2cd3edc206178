// retort against the sqlite3 C API, on an in-memory database with the seed's users table.
//   sqlite/insert_100k/retort        100,000 execute(insert(users).values(...)), one transaction
//   sqlite/insert_100k/raw           one prepared INSERT: bind, step, the new key read, reset per row
//   sqlite/insert_100k_many/retort   the same rows through execute_many(insert_rows(...))
//   sqlite/insert_100k_many/raw      the same multi-row INSERTs (1000 rows each), in a SAVEPOINT
//   sqlite/select_70k/{retort,raw}   a SELECT returning 70,000 of 100,000 rows, every field read
//   sqlite/select_70k/raw_column_value  the raw loop reading each field through one column lookup
//                                    (sqlite3_column_value), the API retort's driver reads with
//   sqlite/point_select_20k/{retort,raw}  20,000 SELECTs by primary key, each row returned by value
//   sqlite/<work>/in_turns           the pair run in turns: a pass of each side per iteration, in
//                                    alternating order; the counter `ratio` is the median ratio over
//                                    couples of iterations (in_turns.hpp; select_70k: against
//                                    raw_column_value)
// Each insert iteration starts from an empty table (emptied with the timer paused).
// Both twins of a pair do the same transaction work: the inserts BEGIN and COMMIT per
// iteration (execute_many adds SAVEPOINT sp_1 ... RELEASE, as retort does), and the selects
// run inside one transaction begun before the first (untimed) pass, as retort's connection
// autobegins one at its first statement and keeps it open.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <sqlite3.h>

#include <retort/retort.hpp>

#include "bench_check.hpp"
#include "bench_options.hpp"
#include "bench_users.hpp"
#include "in_turns.hpp"
#include "raw_sql.hpp"
#include "raw_sqlite.hpp"

namespace retort_bench {
namespace {

using retort::sqlite;

// --- retort -------------------------------------------------------------------------------

// One connection to an in-memory database holding a fresh users table.
class retort_sqlite {
public:
    retort_sqlite() : engine_(retort::create_engine("sqlite://")), conn_(engine_.connect()) {
        for (const auto& sql : retort::metadata<users_table>::create_statements<sqlite>()) conn_.exec_driver_sql(sql);
        conn_.commit();
    }
    retort::connection& conn() noexcept { return conn_; }

    void clear() {
        conn_.exec_driver_sql(R"(DELETE FROM "bench_users")");
        conn_.commit();
    }
    // Row by row in one transaction, as raw_insert_all loads its twin's table: the same
    // statements leave the same pages in the same heap order, which the reads then walk.
    void load(const std::vector<user_values>& data) {
        for (const auto& u : data)
            conn_.execute(retort::insert(users).values(users.username = u.username, users.email = u.email,
                                                       users.age = u.age));
        conn_.commit();
    }
    std::int64_t count() {
        return conn_.execute(retort::select(retort::count()).select_from(users)).scalar_one();
    }

private:
    retort::engine engine_;
    retort::connection conn_;
};

// The retort sides (see in_turns.hpp): each pass is the work its benchmark times.

// 100,000 single-row inserts in one transaction, each new key read.
class retort_inserts {
public:
    retort_inserts() : data_(make_users(rows(insert_rows_count))) {}
    void before_pass() { db_.clear(); }
    [[gnu::noinline]] void pass() {
        auto& conn = db_.conn();
        for (const auto& u : data_) {
            auto r = conn.execute(retort::insert(users).values(users.username = std::string_view(u.username),
                                                               users.email = std::string_view(u.email),
                                                               users.age = u.age));
            keys_ += r.inserted_primary_key();
        }
        conn.commit();
    }
    void check(benchmark::State& state) {
        consume(keys_);
        expect_count(state, db_.count(), std::int64_t(data_.size()), "rows inserted");
    }

private:
    const std::vector<user_values> data_;
    retort_sqlite db_;
    std::int64_t keys_ = 0;
};

// The same rows through execute_many().
class retort_many_inserts {
public:
    retort_many_inserts() : data_(make_users(rows(insert_rows_count))) {
        db_.load(data_);  // prepares the full-batch statement, as the raw twin prepares its own
    }
    void before_pass() { db_.clear(); }
    [[gnu::noinline]] void pass() {
        db_.conn().execute_many(statement_, data_);
        db_.conn().commit();
    }
    void check(benchmark::State& state) {
        expect_count(state, db_.count(), std::int64_t(data_.size()), "rows inserted");
    }

private:
    const std::vector<user_values> data_;
    const decltype(retort::insert_rows(users.username, users.email, users.age)) statement_ =
        retort::insert_rows(users.username, users.email, users.age);
    retort_sqlite db_;
};

// 70,000 of 100,000 rows read, every field used.
class retort_selects {
public:
    retort_selects() {
        db_.load(make_users(rows(table_rows)));
        pass();  // prepares the statement
    }
    [[gnu::noinline]] void pass() {
        count_ = 0;
        for (const auto& row : db_.conn().execute(retort::select(users).where(users.age >= min_age_))) {
            ++count_;
            sum_ += digest(row.id, row.username, row.email, row.age);
        }
        consume(sum_);
    }
    void check(benchmark::State& state) {
        expect_count(state, count_, selected_rows(std::size_t(rows(table_rows))), "rows read");
    }

private:
    retort_sqlite db_;
    const int min_age_ = opaque(select_min_age);
    std::int64_t count_ = 0, sum_ = 0;
};

// 20,000 rows found by primary key, one SELECT each.
class retort_point_selects {
public:
    retort_point_selects() {
        db_.load(make_users(rows(table_rows)));
        pass();  // prepares the statement
    }
    [[gnu::noinline]] void pass() {
        auto& conn = db_.conn();
        found_ = 0;
        for (int id : ids_) {
            auto row = conn.execute(retort::select(users).where(users.id == id)).first();
            if (!row) continue;
            ++found_;
            sum_ += digest(row->id, row->username, row->email, row->age);
        }
        consume(sum_);
    }
    void check(benchmark::State& state) { expect_count(state, found_, std::int64_t(ids_.size()), "rows found"); }

private:
    retort_sqlite db_;
    const std::vector<int> ids_ = point_select_ids(rows(point_selects), rows(table_rows));
    std::int64_t found_ = 0, sum_ = 0;
};

// --- raw sqlite3 ----------------------------------------------------------------------------

[[noreturn]] void raw_fail(sqlite3* db) { throw std::runtime_error(sqlite3_errmsg(db)); }

void raw_exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) raw_fail(db);
}

// Returns the sum of the new rows' keys: the program learns each one, as retort's
// inserted_primary_key() does.
std::int64_t raw_insert_all(sqlite3* db, sqlite3_stmt* insert, const std::vector<user_values>& data) {
    std::int64_t keys = 0;
    raw_exec(db, "BEGIN");
    for (const auto& u : data) {
        sqlite3_bind_text(insert, 1, u.username.data(), int(u.username.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, u.email.data(), int(u.email.size()), SQLITE_STATIC);
        if (u.age) sqlite3_bind_int(insert, 3, *u.age);
        else sqlite3_bind_null(insert, 3);
        if (sqlite3_step(insert) != SQLITE_DONE) raw_fail(db);
        keys += sqlite3_last_insert_rowid(db);
        sqlite3_reset(insert);
    }
    raw_exec(db, "COMMIT");
    return keys;
}

std::int64_t raw_count(const raw_sqlite_db& db) {
    raw_sqlite_statement count(db, R"(SELECT count(*) FROM "bench_users")");
    if (sqlite3_step(count.get()) != SQLITE_ROW) raw_fail(db.get());
    return sqlite3_column_int64(count.get(), 0);
}

// A users table in a fresh in-memory database.
struct raw_sqlite_users {
    raw_sqlite_users() {
        check_raw_ddl();
        db.exec(sqlite_create_users);
    }
    raw_sqlite_db db;
};

void read_user(sqlite3_stmt* s, user_record& user) {
    user.id = sqlite3_column_int(s, 0);
    user.username.assign(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)), std::size_t(sqlite3_column_bytes(s, 1)));
    user.email.assign(reinterpret_cast<const char*>(sqlite3_column_text(s, 2)), std::size_t(sqlite3_column_bytes(s, 2)));
    if (sqlite3_column_type(s, 3) == SQLITE_NULL) user.age.reset();
    else user.age = sqlite3_column_int(s, 3);
}

// The same reading through one column lookup per field (sqlite3_column_value), as retort's
// driver reads: the twin for what that API choice alone is worth.
void read_user_by_value(sqlite3_stmt* s, user_record& user) {
    user.id = sqlite3_value_int(sqlite3_column_value(s, 0));
    sqlite3_value* username = sqlite3_column_value(s, 1);
    user.username.assign(reinterpret_cast<const char*>(sqlite3_value_text(username)),
                         std::size_t(sqlite3_value_bytes(username)));
    sqlite3_value* email = sqlite3_column_value(s, 2);
    user.email.assign(reinterpret_cast<const char*>(sqlite3_value_text(email)), std::size_t(sqlite3_value_bytes(email)));
    sqlite3_value* age = sqlite3_column_value(s, 3);
    if (sqlite3_value_type(age) == SQLITE_NULL) user.age.reset();
    else user.age = sqlite3_value_int(age);
}

// The raw sides, each the twin of the retort side above it in name.

class raw_inserts {
public:
    raw_inserts() : data_(make_users(rows(insert_rows_count))) {}
    void before_pass() { raw_exec(db_.db.get(), R"(DELETE FROM "bench_users")"); }
    [[gnu::noinline]] void pass() { keys_ += raw_insert_all(db_.db.get(), insert_.get(), data_); }
    void check(benchmark::State& state) {
        consume(keys_);
        expect_count(state, raw_count(db_.db), std::int64_t(data_.size()), "rows inserted");
    }

private:
    const std::vector<user_values> data_;
    raw_sqlite_users db_;
    raw_sqlite_statement insert_{db_.db, raw_sql<sqlite>::insert};
    std::int64_t keys_ = 0;
};

// The multi-row INSERT execute_many() sends for `rows` rows, written out; checked against
// retort's text (and its batch size) before a run.
constexpr std::size_t raw_batch_rows = 1000;

std::string raw_multi_insert(std::size_t rows) {
    std::string sql = R"(INSERT INTO "bench_users" ("username", "email", "age") VALUES )";
    for (std::size_t i = 0; i < rows; ++i) sql += i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)";
    return sql;
}

void check_raw_multi_insert() {
    const auto statement = retort::insert_rows(users.username, users.email, users.age);
    using S = std::remove_cvref_t<decltype(statement)>;
    if (S::batch_rows<sqlite> != raw_batch_rows ||
        statement.text<sqlite>(raw_batch_rows) != raw_multi_insert(raw_batch_rows) ||
        statement.text<sqlite>(7) != raw_multi_insert(7))
        throw std::logic_error("the raw twin's multi-row INSERT is not what execute_many() sends");
}

// One multi-row INSERT of rows [first, first + count): bind every value, step, reset.
std::int64_t raw_insert_batch(sqlite3* db, sqlite3_stmt* insert, const user_values* first, std::size_t count) {
    int p = 1;
    for (const user_values* u = first; u != first + count; ++u) {
        sqlite3_bind_text(insert, p++, u->username.data(), int(u->username.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert, p++, u->email.data(), int(u->email.size()), SQLITE_STATIC);
        if (u->age) sqlite3_bind_int(insert, p++, *u->age);
        else sqlite3_bind_null(insert, p++);
    }
    if (sqlite3_step(insert) != SQLITE_DONE) raw_fail(db);
    const std::int64_t changed = sqlite3_changes64(db);
    sqlite3_reset(insert);
    return changed;
}

class raw_many_inserts {
public:
    raw_many_inserts() : data_((check_raw_multi_insert(), make_users(rows(insert_rows_count)))) {}
    void before_pass() { raw_exec(db_.db.get(), R"(DELETE FROM "bench_users")"); }
    [[gnu::noinline]] void pass() {
        sqlite3* db = db_.db.get();
        raw_exec(db, "BEGIN");
        raw_exec(db, "SAVEPOINT sp_1");
        std::size_t i = 0;
        for (; i + raw_batch_rows <= data_.size(); i += raw_batch_rows)
            changed_ += raw_insert_batch(db, full_batch_.get(), &data_[i], raw_batch_rows);
        if (tail_ != 0) {  // retort prepares a short last batch afresh, uncached: so does this
            raw_sqlite_statement last(db_.db, tail_sql_);
            changed_ += raw_insert_batch(db, last.get(), &data_[i], tail_);
        }
        raw_exec(db, "RELEASE SAVEPOINT sp_1");
        raw_exec(db, "COMMIT");
    }
    void check(benchmark::State& state) {
        consume(changed_);
        expect_count(state, raw_count(db_.db), std::int64_t(data_.size()), "rows inserted");
    }

private:
    const std::vector<user_values> data_;
    raw_sqlite_users db_;
    raw_sqlite_statement full_batch_{db_.db, raw_multi_insert(raw_batch_rows)};
    const std::size_t tail_ = data_.size() % raw_batch_rows;
    const std::string tail_sql_ = raw_multi_insert(tail_);
    std::int64_t changed_ = 0;
};

// `read` reads a row's fields into a user_record.
template <void (*read)(sqlite3_stmt*, user_record&)>
class raw_selects {
public:
    raw_selects() {
        {
            raw_sqlite_statement insert(db_.db, raw_sql<sqlite>::insert);
            raw_insert_all(db_.db.get(), insert.get(), make_users(rows(table_rows)));
        }
        raw_exec(db_.db.get(), "BEGIN");  // one transaction for every pass, as retort's autobegun one
        pass();
    }
    [[gnu::noinline]] void pass() {
        sqlite3_stmt* s = select_.get();
        count_ = 0;
        sqlite3_bind_int(s, 1, min_age_);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            read(s, user_);
            ++count_;
            sum_ += digest(user_.id, user_.username, user_.email, user_.age);
        }
        if (rc != SQLITE_DONE) raw_fail(db_.db.get());
        sqlite3_reset(s);
        consume(sum_);
    }
    void check(benchmark::State& state) {
        expect_count(state, count_, selected_rows(std::size_t(rows(table_rows))), "rows read");
    }

private:
    raw_sqlite_users db_;
    raw_sqlite_statement select_{db_.db, raw_sql<sqlite>::select_min_age};
    const int min_age_ = opaque(select_min_age);
    user_record user_;
    std::int64_t count_ = 0, sum_ = 0;
};

class raw_point_selects {
public:
    raw_point_selects() {
        {
            raw_sqlite_statement insert(db_.db, raw_sql<sqlite>::insert);
            raw_insert_all(db_.db.get(), insert.get(), make_users(rows(table_rows)));
        }
        raw_exec(db_.db.get(), "BEGIN");  // one transaction for every select, as retort's autobegun one
        pass();
    }
    // As a program's find_user(id) would: the row comes back by value.
    std::optional<user_record> find(int id) {
        sqlite3_stmt* s = select_.get();
        std::optional<user_record> user;
        sqlite3_bind_int(s, 1, id);
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) read_user(s, user.emplace());
        else if (rc != SQLITE_DONE) raw_fail(db_.db.get());
        sqlite3_reset(s);
        return user;
    }
    [[gnu::noinline]] void pass() {
        found_ = 0;
        for (int id : ids_) {
            auto user = find(id);
            if (!user) continue;
            ++found_;
            sum_ += digest(user->id, user->username, user->email, user->age);
        }
        consume(sum_);
    }
    void check(benchmark::State& state) { expect_count(state, found_, std::int64_t(ids_.size()), "rows found"); }

private:
    raw_sqlite_users db_;
    raw_sqlite_statement select_{db_.db, raw_sql<sqlite>::select_by_id};
    const std::vector<int> ids_ = point_select_ids(rows(point_selects), rows(table_rows));
    std::int64_t found_ = 0, sum_ = 0;
};

[[maybe_unused]] const bool registered = [] {
    // Iterations per repetition: a repetition takes about half a second.
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k/retort", alone<retort_inserts>), 5);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k/raw", alone<raw_inserts>), 5);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k_many/retort", alone<retort_many_inserts>), 5);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k_many/raw", alone<raw_many_inserts>), 5);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/select_70k/retort", alone<retort_selects>), 10);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/select_70k/raw", alone<raw_selects<read_user>>), 10);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/select_70k/raw_column_value", alone<raw_selects<read_user_by_value>>),
                  10);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/point_select_20k/retort", alone<retort_point_selects>), 10);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/point_select_20k/raw", alone<raw_point_selects>), 10);
    // The pairs in turns (in_turns.hpp): a pass of each side per iteration, the same code as
    // above; an even number of iterations (the ratio is taken over couples of them).
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k/in_turns", in_turns<retort_inserts, raw_inserts>), 6);
    sql_benchmark(
        benchmark::RegisterBenchmark("sqlite/insert_100k_many/in_turns", in_turns<retort_many_inserts, raw_many_inserts>),
        6);
    // Against the twin that reads as retort's driver does, the stricter of the two.
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/select_70k/in_turns",
                                               [](benchmark::State& state) {
                                                   in_turns<retort_selects, raw_selects<read_user_by_value>>(state);
                                                   state.SetLabel("against raw_column_value");
                                               }),
                  20);
    sql_benchmark(
        benchmark::RegisterBenchmark("sqlite/point_select_20k/in_turns", in_turns<retort_point_selects, raw_point_selects>),
        20);
    return true;
}();

}  // namespace
}  // namespace retort_bench
