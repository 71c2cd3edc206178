// retort against libpq, on a PostgreSQL server over its Unix socket, with the seed's users
// table. Wall-clock time: the server's work is part of the cost.
//   postgresql/insert_10k/{retort,raw}         10,000 single-row INSERTs (a round trip each;
//                                              RETURNING "id", as retort reports
//                                              inserted_primary_key), one transaction
//   postgresql/bulk_insert_100k/retort         execute_many(insert_rows(...), rows, {.method = copy})
//   postgresql/bulk_insert_100k/raw            COPY FROM STDIN with PQputCopyData in 64 KiB chunks
//   postgresql/select_70k/{retort,raw}         a SELECT returning 70,000 of 100,000 rows, every field read
//   postgresql/point_select_20k/{retort,raw}   20,000 SELECTs by primary key, each row returned by value
//   postgresql/pgbouncer_point_select_20k/{retort,raw}_{named,unnamed}
//                                              the same through PgBouncer (transaction pooling):
//                                              named prepared statements, or unnamed ones
//                                              (?prepared_statements=false; PQexecParams)
// RETORT_BENCH_PG_URL, else RETORT_TEST_PG_URL; each benchmark skips with an error when
// neither is set (PgBouncer: RETORT_BENCH_PGBOUNCER_URL, else RETORT_TEST_PGBOUNCER_URL). The table (bench_users) is dropped when a benchmark ends.
// Both twins of a pair do the same transaction work: the inserts BEGIN and COMMIT per
// iteration (execute_many adds SAVEPOINT sp_1 ... RELEASE, as retort does), and the selects
// run inside one transaction begun before the first (untimed) pass, as retort's connection
// autobegins one at its first statement and keeps it open. cpu_time is the client's CPU
// time (the benchmark thread's, which runs libpq), reported beside the wall-clock time.
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <libpq-fe.h>

#include <retort/retort.hpp>

#include "bench_check.hpp"
#include "bench_options.hpp"
#include "bench_postgres_url.hpp"
#include "bench_users.hpp"
#include "raw_libpq.hpp"
#include "raw_sql.hpp"

namespace retort_bench {
namespace {

using retort::postgresql;

constexpr const char* drop_users = R"(DROP TABLE IF EXISTS "bench_users")";
constexpr const char* truncate_users = R"(TRUNCATE "bench_users" RESTART IDENTITY)";

// --- retort -------------------------------------------------------------------------------

// A connection to the server with a fresh users table, dropped at the end.
class retort_postgresql {
public:
    explicit retort_postgresql(const std::string& url)
        : engine_(retort::create_engine(url, {.pool_size = 1, .max_overflow = 0})), conn_(engine_.connect()) {
        conn_.exec_driver_sql(drop_users);
        for (const auto& sql : retort::metadata<users_table>::create_statements<postgresql>()) conn_.exec_driver_sql(sql);
        conn_.commit();
    }
    ~retort_postgresql() {
        try {
            conn_.rollback();
            conn_.exec_driver_sql(drop_users);
            conn_.commit();
        } catch (...) {
            // The benchmark already reported what went wrong.
        }
    }
    retort_postgresql(const retort_postgresql&) = delete;
    retort_postgresql& operator=(const retort_postgresql&) = delete;

    retort::connection& conn() noexcept { return conn_; }
    void clear() {
        conn_.exec_driver_sql(truncate_users);
        conn_.commit();
    }
    void load(const std::vector<user_values>& data) {
        conn_.execute_many(retort::insert_rows(users.username, users.email, users.age), data,
                           {.method = retort::bulk_method::copy});
        conn_.commit();
    }
    std::int64_t count() {
        const std::int64_t n = conn_.execute(retort::select(retort::count()).select_from(users)).scalar_one();
        conn_.commit();
        return n;
    }

private:
    retort::engine engine_;
    retort::connection conn_;
};

void insert_retort(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto data = make_users(rows(postgresql_insert_rows_count));
        retort_postgresql db(url);
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

void bulk_insert_retort(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto data = make_users(rows(insert_rows_count));
        retort_postgresql db(url);
        auto& conn = db.conn();
        const auto statement = retort::insert_rows(users.username, users.email, users.age);
        for (auto _ : state) {
            state.PauseTiming();
            db.clear();
            state.ResumeTiming();
            conn.execute_many(statement, data, {.method = retort::bulk_method::copy});
            conn.commit();
        }
        expect_count(state, db.count(), std::int64_t(data.size()), "rows inserted");
    });
}

void select_retort(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto data = make_users(rows(table_rows));
        retort_postgresql db(url);
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

void point_select_retort_on(benchmark::State& state, const std::string& url) {
    {
        retort_postgresql db(url);
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
        // Named statements outlive the client behind PgBouncer: leave none on its server connection.
        if (db.conn().get_engine().options().prepared_statements) db.conn().exec_driver_sql("DEALLOCATE ALL");
    }
}

void point_select_retort(benchmark::State& state) {
    with_server(state, [&](const std::string& url) { point_select_retort_on(state, url); });
}
void pgbouncer_point_select_retort_named(benchmark::State& state) {
    with_pgbouncer(state, [&](const std::string& url) { point_select_retort_on(state, url); });
}
void pgbouncer_point_select_retort_unnamed(benchmark::State& state) {
    with_pgbouncer(state, [&](const std::string& url) { point_select_retort_on(state, unnamed_statements(url)); });
}

// --- raw libpq ------------------------------------------------------------------------------

// A connection with a fresh users table, dropped at the end.
class raw_postgresql {
public:
    explicit raw_postgresql(const std::string& url) : conn(url) {
        check_raw_ddl();
        conn.exec(drop_users);
        conn.exec(std::string(postgresql_create_users).c_str());
    }
    ~raw_postgresql() {
        try {
            conn.exec("ROLLBACK");  // whatever a benchmark left open (a notice when nothing is)
            conn.exec(drop_users);
        } catch (...) {
            // The benchmark already reported what went wrong.
        }
    }
    raw_postgresql(const raw_postgresql&) = delete;
    raw_postgresql& operator=(const raw_postgresql&) = delete;

    std::int64_t count() const {
        PGresult* r = PQexec(conn.get(), R"(SELECT count(*) FROM "bench_users")");
        if (PQresultStatus(r) != PGRES_TUPLES_OK) conn.fail(r);
        const std::int64_t n = std::stoll(PQgetvalue(r, 0, 0));
        PQclear(r);
        return n;
    }

    raw_pg_connection conn;
};

// Text-format integers, as libpq hands them over.
int parse_int(const PGresult* r, int row, int column) {
    const char* text = PQgetvalue(r, row, column);
    int value = 0;
    const auto [end, ec] = std::from_chars(text, text + PQgetlength(r, row, column), value);
    if (ec != std::errc{}) throw std::runtime_error("not an integer");
    return value;
}

void read_user(const PGresult* r, int row, user_record& user) {
    user.id = parse_int(r, row, 0);
    user.username.assign(PQgetvalue(r, row, 1), std::size_t(PQgetlength(r, row, 1)));
    user.email.assign(PQgetvalue(r, row, 2), std::size_t(PQgetlength(r, row, 2)));
    if (PQgetisnull(r, row, 3)) user.age.reset();
    else user.age = parse_int(r, row, 3);
}

// One COPY field: backslash, tab, newline and carriage return escaped, the text between
// them appended whole.
void append_copy_text(std::string& out, std::string_view text) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\\' && c != '\t' && c != '\n' && c != '\r') continue;
        out.append(text.data() + run, i - run);
        out += '\\';
        out += c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
        run = i + 1;
    }
    out.append(text.data() + run, text.size() - run);
}

void raw_copy_all(const raw_pg_connection& conn, const std::vector<user_values>& data) {
    PGconn* c = conn.get();
    PGresult* start = PQexec(c, std::string(raw_sql<postgresql>::copy_users).c_str());
    if (PQresultStatus(start) != PGRES_COPY_IN) conn.fail(start);
    PQclear(start);
    std::string chunk;
    chunk.reserve(1 << 16);
    for (const auto& u : data) {
        append_copy_text(chunk, u.username);
        chunk += '\t';
        append_copy_text(chunk, u.email);
        chunk += '\t';
        if (u.age) {
            char digits[16];
            chunk.append(digits, std::to_chars(digits, digits + sizeof digits, *u.age).ptr);
        } else {
            chunk += "\\N";
        }
        chunk += '\n';
        if (chunk.size() >= (1 << 16)) {
            if (PQputCopyData(c, chunk.data(), int(chunk.size())) != 1) conn.fail(nullptr);
            chunk.clear();
        }
    }
    if (!chunk.empty() && PQputCopyData(c, chunk.data(), int(chunk.size())) != 1) conn.fail(nullptr);
    if (PQputCopyEnd(c, nullptr) != 1) conn.fail(nullptr);
    PGresult* end = PQgetResult(c);
    if (PQresultStatus(end) != PGRES_COMMAND_OK) conn.fail(end);
    PQclear(end);
    while (PGresult* rest = PQgetResult(c)) PQclear(rest);
}

void insert_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto data = make_users(rows(postgresql_insert_rows_count));
        raw_postgresql db(url);
        PGconn* c = db.conn.get();
        db.conn.prepare("insert_user", raw_sql<postgresql>::insert);
        std::int64_t keys = 0;
        for (auto _ : state) {
            state.PauseTiming();
            db.conn.exec(truncate_users);
            state.ResumeTiming();
            db.conn.exec("BEGIN");
            for (const auto& u : data) {
                char age[16];
                if (u.age) *std::to_chars(age, age + sizeof age - 1, *u.age).ptr = '\0';
                const char* values[3] = {u.username.c_str(), u.email.c_str(), u.age ? age : nullptr};
                PGresult* r = PQexecPrepared(c, "insert_user", 3, values, nullptr, nullptr, 0);
                if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) db.conn.fail(r);
                keys += parse_int(r, 0, 0);
                PQclear(r);
            }
            db.conn.exec("COMMIT");
        }
        consume(keys);
        expect_count(state, db.count(), std::int64_t(data.size()), "rows inserted");
    });
}

void bulk_insert_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto data = make_users(rows(insert_rows_count));
        raw_postgresql db(url);
        for (auto _ : state) {
            state.PauseTiming();
            db.conn.exec(truncate_users);
            state.ResumeTiming();
            db.conn.exec("BEGIN");
            db.conn.exec("SAVEPOINT sp_1");
            raw_copy_all(db.conn, data);
            db.conn.exec("RELEASE SAVEPOINT sp_1");
            db.conn.exec("COMMIT");
        }
        expect_count(state, db.count(), std::int64_t(data.size()), "rows inserted");
    });
}

void select_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto data = make_users(rows(table_rows));
        raw_postgresql db(url);
        raw_copy_all(db.conn, data);
        PGconn* c = db.conn.get();
        db.conn.prepare("select_min_age", raw_sql<postgresql>::select_min_age);
        db.conn.exec("BEGIN");  // one transaction for every pass, as retort's autobegun one
        const int min_age = opaque(select_min_age);
        std::int64_t count = 0, sum = 0;
        user_record user;
        auto run = [&] {
            char age[16];
            *std::to_chars(age, age + sizeof age - 1, min_age).ptr = '\0';
            const char* values[1] = {age};
            PGresult* r = PQexecPrepared(c, "select_min_age", 1, values, nullptr, nullptr, 0);
            if (PQresultStatus(r) != PGRES_TUPLES_OK) db.conn.fail(r);
            count = PQntuples(r);
            for (int i = 0; i < count; ++i) {
                read_user(r, i, user);
                sum += digest(user.id, user.username, user.email, user.age);
            }
            PQclear(r);
        };
        run();
        for (auto _ : state) {
            run();
            consume(sum);
        }
        expect_count(state, count, selected_rows(data.size()), "rows read");
    });
}

// named: PQprepare once, PQexecPrepared; unnamed: PQexecParams with the text every time.
void point_select_raw_on(benchmark::State& state, const std::string& url, bool named) {
    {
        raw_postgresql db(url);
        raw_copy_all(db.conn, make_users(rows(table_rows)));
        PGconn* c = db.conn.get();
        const std::string sql(raw_sql<postgresql>::select_by_id);
        db.conn.exec("BEGIN");  // one transaction for every select, as retort's autobegun one
        if (named) db.conn.prepare("select_by_id", sql);
        // As a program's find_user(id) would: the row comes back by value.
        auto find = [&](int id) {
            char text[16];
            *std::to_chars(text, text + sizeof text - 1, id).ptr = '\0';
            const char* values[1] = {text};
            PGresult* r = named ? PQexecPrepared(c, "select_by_id", 1, values, nullptr, nullptr, 0)
                                : PQexecParams(c, sql.c_str(), 1, nullptr, values, nullptr, nullptr, 0);
            if (PQresultStatus(r) != PGRES_TUPLES_OK) db.conn.fail(r);
            std::optional<user_record> user;
            if (PQntuples(r) > 0) read_user(r, 0, user.emplace());
            PQclear(r);
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
        if (named) db.conn.exec("DEALLOCATE select_by_id");
    }
}

void point_select_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) { point_select_raw_on(state, url, true); });
}
void pgbouncer_point_select_raw_named(benchmark::State& state) {
    with_pgbouncer(state, [&](const std::string& url) { point_select_raw_on(state, url, true); });
}
void pgbouncer_point_select_raw_unnamed(benchmark::State& state) {
    with_pgbouncer(state, [&](const std::string& url) { point_select_raw_on(state, url, false); });
}

[[maybe_unused]] const bool registered = [] {
    // Iterations per repetition: a repetition takes between half a second and a second.
    server_benchmark(benchmark::RegisterBenchmark("postgresql/insert_10k/retort", insert_retort), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/insert_10k/raw", insert_raw), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/bulk_insert_100k/retort", bulk_insert_retort), 3);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/bulk_insert_100k/raw", bulk_insert_raw), 3);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/select_70k/retort", select_retort), 5);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/select_70k/raw", select_raw), 5);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/point_select_20k/retort", point_select_retort), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/point_select_20k/raw", point_select_raw), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/pgbouncer_point_select_20k/retort_named",
                                                  pgbouncer_point_select_retort_named), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/pgbouncer_point_select_20k/raw_named",
                                                  pgbouncer_point_select_raw_named), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/pgbouncer_point_select_20k/retort_unnamed",
                                                  pgbouncer_point_select_retort_unnamed), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/pgbouncer_point_select_20k/raw_unnamed",
                                                  pgbouncer_point_select_raw_unnamed), 1);
    return true;
}();

}  // namespace
}  // namespace retort_bench
