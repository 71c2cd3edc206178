// retort against the sqlite3 C API, on an in-memory database with the seed's users table.
//   sqlite/insert_100k/retort        100,000 execute(insert(users).values(...)), one transaction
//   sqlite/insert_100k/raw           one prepared INSERT: bind, step, the new key read, reset per row
//   sqlite/insert_100k_many/retort   the same rows through execute_many(insert_rows(...))
//   sqlite/insert_100k_many/raw      the same multi-row INSERTs (1000 rows each), in a SAVEPOINT
//   sqlite/select_70k/{retort,raw}   a SELECT returning 70,000 of 100,000 rows, every field read
//   sqlite/select_70k/raw_column_value  the raw loop reading each field through one column lookup
//                                    (sqlite3_column_value), the API retort's driver reads with
//   sqlite/point_select_20k/{retort,raw}  20,000 SELECTs by primary key, each row returned by value
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

void insert_retort(benchmark::State& state) {
    guarded(state, [&] {
        const auto data = make_users(rows(insert_rows_count));
        retort_sqlite db;
        auto& conn = db.conn();
        std::int64_t keys = 0;
        for (auto _ : state) {
            state.PauseTiming();
            db.clear();
            state.ResumeTiming();
            for (const auto& u : data) {
                auto r = conn.execute(retort::insert(users).values(users.username = std::string_view(u.username),
                                                                   users.email = std::string_view(u.email),
                                                                   users.age = u.age));
                keys += r.inserted_primary_key();
            }
            conn.commit();
        }
        consume(keys);
        expect_count(state, db.count(), std::int64_t(data.size()), "rows inserted");
    });
}

void insert_many_retort(benchmark::State& state) {
    guarded(state, [&] {
        const auto data = make_users(rows(insert_rows_count));
        retort_sqlite db;
        auto& conn = db.conn();
        const auto statement = retort::insert_rows(users.username, users.email, users.age);
        db.load(data);  // prepares the full-batch statement, as the raw twin prepares its own
        for (auto _ : state) {
            state.PauseTiming();
            db.clear();
            state.ResumeTiming();
            conn.execute_many(statement, data);
            conn.commit();
        }
        expect_count(state, db.count(), std::int64_t(data.size()), "rows inserted");
    });
}

void select_retort(benchmark::State& state) {
    guarded(state, [&] {
        const auto data = make_users(rows(table_rows));
        retort_sqlite db;
        db.load(data);
        auto& conn = db.conn();
        const int min_age = opaque(select_min_age);
        std::int64_t count = 0, sum = 0;
        auto run = [&] {
            count = 0;
            for (const auto& row : conn.execute(retort::select(users).where(users.age >= min_age))) {
                ++count;
                sum += digest(row.id, row.username, row.email, row.age);
            }
        };
        run();  // prepares the statement
        for (auto _ : state) {
            run();
            consume(sum);
        }
        expect_count(state, count, selected_rows(data.size()), "rows read");
    });
}

void point_select_retort(benchmark::State& state) {
    guarded(state, [&] {
        retort_sqlite db;
        db.load(make_users(rows(table_rows)));
        auto& conn = db.conn();
        const auto ids = point_select_ids(rows(point_selects), rows(table_rows));
        std::int64_t found = 0, sum = 0;
        auto run = [&] {
            found = 0;
            for (int id : ids) {
                auto row = conn.execute(retort::select(users).where(users.id == id)).first();
                if (!row) continue;
                ++found;
                sum += digest(row->id, row->username, row->email, row->age);
            }
        };
        run();
        for (auto _ : state) {
            run();
            consume(sum);
        }
        expect_count(state, found, std::int64_t(ids.size()), "rows found");
    });
}

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

void insert_raw(benchmark::State& state) {
    guarded(state, [&] {
        const auto data = make_users(rows(insert_rows_count));
        raw_sqlite_users users_db;
        sqlite3* db = users_db.db.get();
        raw_sqlite_statement insert(users_db.db, raw_sql<sqlite>::insert);
        std::int64_t keys = 0;
        for (auto _ : state) {
            state.PauseTiming();
            raw_exec(db, R"(DELETE FROM "bench_users")");
            state.ResumeTiming();
            keys += raw_insert_all(db, insert.get(), data);
        }
        consume(keys);
        expect_count(state, raw_count(users_db.db), std::int64_t(data.size()), "rows inserted");
    });
}

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

void insert_many_raw(benchmark::State& state) {
    guarded(state, [&] {
        check_raw_multi_insert();
        const auto data = make_users(rows(insert_rows_count));
        raw_sqlite_users users_db;
        sqlite3* db = users_db.db.get();
        raw_sqlite_statement full_batch(users_db.db, raw_multi_insert(raw_batch_rows));
        const std::size_t tail = data.size() % raw_batch_rows;
        const std::string tail_sql = raw_multi_insert(tail);
        std::int64_t changed = 0;
        for (auto _ : state) {
            state.PauseTiming();
            raw_exec(db, R"(DELETE FROM "bench_users")");
            state.ResumeTiming();
            raw_exec(db, "BEGIN");
            raw_exec(db, "SAVEPOINT sp_1");
            std::size_t i = 0;
            for (; i + raw_batch_rows <= data.size(); i += raw_batch_rows)
                changed += raw_insert_batch(db, full_batch.get(), &data[i], raw_batch_rows);
            if (tail != 0) {  // retort prepares a short last batch afresh, uncached: so does this
                raw_sqlite_statement last(users_db.db, tail_sql);
                changed += raw_insert_batch(db, last.get(), &data[i], tail);
            }
            raw_exec(db, "RELEASE SAVEPOINT sp_1");
            raw_exec(db, "COMMIT");
        }
        consume(changed);
        expect_count(state, raw_count(users_db.db), std::int64_t(data.size()), "rows inserted");
    });
}

template <void (*read)(sqlite3_stmt*, user_record&)>
void select_raw_reading(benchmark::State& state) {
    guarded(state, [&] {
        const auto data = make_users(rows(table_rows));
        raw_sqlite_users users_db;
        sqlite3* db = users_db.db.get();
        {
            raw_sqlite_statement insert(users_db.db, raw_sql<sqlite>::insert);
            raw_insert_all(db, insert.get(), data);
        }
        raw_sqlite_statement select(users_db.db, raw_sql<sqlite>::select_min_age);
        sqlite3_stmt* s = select.get();
        raw_exec(db, "BEGIN");  // one transaction for every pass, as retort's autobegun one
        const int min_age = opaque(select_min_age);
        std::int64_t count = 0, sum = 0;
        user_record user;
        auto run = [&] {
            count = 0;
            sqlite3_bind_int(s, 1, min_age);
            int rc;
            while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                read(s, user);
                ++count;
                sum += digest(user.id, user.username, user.email, user.age);
            }
            if (rc != SQLITE_DONE) raw_fail(db);
            sqlite3_reset(s);
        };
        run();
        for (auto _ : state) {
            run();
            consume(sum);
        }
        expect_count(state, count, selected_rows(data.size()), "rows read");
    });
}

void point_select_raw(benchmark::State& state) {
    guarded(state, [&] {
        raw_sqlite_users users_db;
        sqlite3* db = users_db.db.get();
        {
            raw_sqlite_statement insert(users_db.db, raw_sql<sqlite>::insert);
            raw_insert_all(db, insert.get(), make_users(rows(table_rows)));
        }
        raw_sqlite_statement select(users_db.db, raw_sql<sqlite>::select_by_id);
        sqlite3_stmt* s = select.get();
        raw_exec(db, "BEGIN");  // one transaction for every select, as retort's autobegun one
        // As a program's find_user(id) would: the row comes back by value.
        auto find = [&](int id) {
            std::optional<user_record> user;
            sqlite3_bind_int(s, 1, id);
            const int rc = sqlite3_step(s);
            if (rc == SQLITE_ROW) read_user(s, user.emplace());
            else if (rc != SQLITE_DONE) raw_fail(db);
            sqlite3_reset(s);
            return user;
        };
        const auto ids = point_select_ids(rows(point_selects), rows(table_rows));
        std::int64_t found = 0, sum = 0;
        auto run = [&] {
            found = 0;
            for (int id : ids) {
                auto user = find(id);
                if (!user) continue;
                ++found;
                sum += digest(user->id, user->username, user->email, user->age);
            }
        };
        run();
        for (auto _ : state) {
            run();
            consume(sum);
        }
        expect_count(state, found, std::int64_t(ids.size()), "rows found");
    });
}

[[maybe_unused]] const bool registered = [] {
    // Iterations per repetition: a repetition takes about half a second.
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k/retort", insert_retort), 5);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k/raw", insert_raw), 5);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k_many/retort", insert_many_retort), 5);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/insert_100k_many/raw", insert_many_raw), 5);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/select_70k/retort", select_retort), 10);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/select_70k/raw", select_raw_reading<read_user>), 10);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/select_70k/raw_column_value", select_raw_reading<read_user_by_value>),
                  10);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/point_select_20k/retort", point_select_retort), 10);
    sql_benchmark(benchmark::RegisterBenchmark("sqlite/point_select_20k/raw", point_select_raw), 10);
    return true;
}();

}  // namespace
}  // namespace retort_bench
