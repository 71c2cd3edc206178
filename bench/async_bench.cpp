// The asynchronous engine (retort-async) against raw libpq and raw sqlite3 doing the same work:
//   postgresql/point_select_20k/async_sequential  20,000 SELECTs by primary key on one connection,
//                                                 each awaited before the next is sent
//   postgresql/point_select_20k/async_pipelined   the same 20,000 issued at once by as many coroutines
//                                                 on one connection (libpq pipeline mode underneath)
//   postgresql/point_select_20k/raw_pipelined     libpq pipeline mode by hand: batches of 1,000
//                                                 PQsendQueryPrepared, one PQpipelineSync, then the results
//   postgresql/pgbouncer_point_select_20k/async_unnamed  async_sequential through PgBouncer's
//                                                 transaction pooling, unnamed statements, in one
//                                                 transaction (the twin: .../raw_unnamed)
//   sqlite/point_select_20k/async                 the 20,000 SELECTs through the async engine on SQLite
//                                                 (each runs on the connection's thread), in one transaction
//                                                 as the raw twin's, each awaited before the next
//   sqlite/point_select_20k/async_concurrent      the same 20,000 issued at once by as many coroutines
//   postgresql/bulk_insert_100k/async_copy        execute_many(insert_rows(...), rows, {.method = copy})
//                                                 awaited: COPY FROM STDIN, non-blocking, in its own
//                                                 transaction
// Compare with postgresql/point_select_20k/raw and sqlite/point_select_20k/raw (one at a time),
// and postgresql/bulk_insert_100k/retort and /raw (the synchronous COPY and libpq's).
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <libpq-fe.h>

#include <retort/async/all.hpp>
#include <retort/retort.hpp>

#include "bench_check.hpp"
#include "bench_options.hpp"
#include "bench_postgres_url.hpp"
#include "bench_users.hpp"
#include "raw_libpq.hpp"
#include "raw_sql.hpp"

namespace retort_bench {
namespace {

namespace asio = boost::asio;
using retort::postgresql;

// Runs `task` on `io` to its end, rethrowing what it threw.
template <class Awaitable>
void run_on(asio::io_context& io, Awaitable task) {
    std::exception_ptr failure;
    asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) { failure = e; });
    io.run();
    io.restart();
    if (failure) std::rethrow_exception(failure);
}

// The users table filled by the synchronous engine (COPY), dropped at the end.
class loaded_postgresql {
public:
    explicit loaded_postgresql(const std::string& url) : engine_(retort::create_engine(url, {.pool_size = 1})) {
        auto conn = engine_.connect();
        conn.exec_driver_sql(R"(DROP TABLE IF EXISTS "bench_users")");
        for (const auto& sql : retort::metadata<users_table>::create_statements<postgresql>()) conn.exec_driver_sql(sql);
        conn.execute_many(retort::insert_rows(users.username, users.email, users.age), make_users(rows(table_rows)),
                          {.method = retort::bulk_method::copy});
        conn.commit();
    }
    ~loaded_postgresql() {
        try {
            auto conn = engine_.connect();
            conn.exec_driver_sql(R"(DROP TABLE IF EXISTS "bench_users")");
            conn.commit();
        } catch (...) {
            // The benchmark already reported what went wrong.
        }
    }
    loaded_postgresql(const loaded_postgresql&) = delete;
    loaded_postgresql& operator=(const loaded_postgresql&) = delete;

private:
    retort::engine engine_;
};

// An asynchronous engine and its one connection, checked out for the whole benchmark.
struct one_async_connection {
    one_async_connection(asio::io_context& io, const std::string& url)
        : engine(retort::create_async_engine(io, url, {.pool_size = 1, .max_overflow = 0})) {
        run_on(io, [&]() -> asio::awaitable<void> { conn.emplace(co_await engine.connect()); }());
    }
    retort::async_engine engine;
    std::optional<retort::async_connection> conn;  // before the engine goes
};

// The users table loaded, one asynchronous connection to it, and the ids the point selects read.
struct async_point_selects {
    explicit async_point_selects(const std::string& url)
        : table(url), db(io, url), ids(point_select_ids(rows(point_selects), rows(table_rows))) {}
    loaded_postgresql table;
    asio::io_context io;
    one_async_connection db;
    const std::vector<int> ids;
};

// Awaits each select before sending the next (as the synchronous point_select does); with
// `in_transaction`, all inside one begin() ... commit(), as the raw twins through PgBouncer.
void point_select_async_sequential_on(benchmark::State& state, const std::string& url, bool in_transaction) {
    async_point_selects setup(url);
    auto& io = setup.io;
    auto& conn = setup.db.conn;
    const auto& ids = setup.ids;
    std::int64_t found = 0, sum = 0;
    auto run = [&] {
        run_on(io, [&]() -> asio::awaitable<void> {
            found = 0;
            for (int id : ids) {
                auto row = (co_await conn->execute(retort::select(users).where(users.id == id))).first();
                if (!row) continue;
                ++found;
                sum += digest(row->id, row->username, row->email, row->age);
            }
        }());
    };
    if (in_transaction) run_on(io, [&]() -> asio::awaitable<void> { co_await conn->begin(); }());
    run();
    for (auto _ : state) {
        run();
        consume(sum);
    }
    if (in_transaction) run_on(io, [&]() -> asio::awaitable<void> { co_await conn->commit(); }());
    conn.reset();
    expect_count(state, found, std::int64_t(ids.size()), "rows found");
}

void point_select_async_sequential(benchmark::State& state) {
    with_server(state, [&](const std::string& url) { point_select_async_sequential_on(state, url, false); });
}

// Through PgBouncer's transaction pooling with unnamed statements (?prepared_statements=false),
// in one transaction: the twin of postgresql/pgbouncer_point_select_20k/raw_unnamed.
void pgbouncer_point_select_async_unnamed(benchmark::State& state) {
    with_pgbouncer(state, [&](const std::string& url) {
        point_select_async_sequential_on(state, unnamed_statements(url), true);
    });
}

// Every select issued at once by a coroutine of its own, all on one connection.
// Spawns find(id) for every id at once and runs them all; the first failure is rethrown.
template <class Find>
void run_concurrently(asio::io_context& io, const std::vector<int>& ids, Find& find) {
    std::exception_ptr failure;
    for (int id : ids)
        asio::co_spawn(io, find(id), [&](std::exception_ptr e) {
            if (e && !failure) failure = e;
        });
    io.run();
    io.restart();
    if (failure) std::rethrow_exception(failure);
}

void point_select_async_pipelined(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        async_point_selects setup(url);
        auto& io = setup.io;
        auto& conn = setup.db.conn;
        const auto& ids = setup.ids;
        std::int64_t found = 0, sum = 0;
        auto find = [&](int id) -> asio::awaitable<void> {
            auto row = (co_await conn->execute(retort::select(users).where(users.id == id))).first();
            if (!row) co_return;
            ++found;
            sum += digest(row->id, row->username, row->email, row->age);
        };
        auto run = [&] {
            found = 0;
            run_concurrently(io, ids, find);
        };
        run();
        for (auto _ : state) {
            run();
            consume(sum);
        }
        conn.reset();
        expect_count(state, found, std::int64_t(ids.size()), "rows found");
    });
}

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

// libpq's pipeline mode by hand: a batch of prepared executions, one Sync, then the results.
void point_select_raw_pipelined(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        loaded_postgresql table(url);
        raw_pg_connection raw(url);
        PGconn* c = raw.get();
        raw.prepare("select_by_id", raw_sql<postgresql>::select_by_id);
        if (PQenterPipelineMode(c) != 1) throw std::runtime_error(PQerrorMessage(c));
        constexpr std::size_t batch = 1000;
        const auto ids = point_select_ids(rows(point_selects), rows(table_rows));
        std::int64_t found = 0, sum = 0;
        auto run = [&] {
            found = 0;
            for (std::size_t start = 0; start < ids.size(); start += batch) {
                const std::size_t end = std::min(ids.size(), start + batch);
                for (std::size_t i = start; i < end; ++i) {
                    char text[16];
                    *std::to_chars(text, text + sizeof text - 1, ids[i]).ptr = '\0';
                    const char* values[1] = {text};
                    if (PQsendQueryPrepared(c, "select_by_id", 1, values, nullptr, nullptr, 0) != 1)
                        throw std::runtime_error(PQerrorMessage(c));
                }
                if (PQpipelineSync(c) != 1) throw std::runtime_error(PQerrorMessage(c));
                for (std::size_t i = start; i < end; ++i) {
                    PGresult* r = PQgetResult(c);
                    if (PQresultStatus(r) != PGRES_TUPLES_OK) raw.fail(r);
                    std::optional<user_record> user;
                    if (PQntuples(r) > 0) read_user(r, 0, user.emplace());
                    PQclear(r);
                    if (PQgetResult(c) != nullptr) throw std::runtime_error("more than one result for a select");
                    if (!user) continue;
                    ++found;
                    sum += digest(user->id, user->username, user->email, user->age);
                }
                PGresult* sync = PQgetResult(c);
                if (PQresultStatus(sync) != PGRES_PIPELINE_SYNC) raw.fail(sync);
                PQclear(sync);
            }
        };
        run();
        for (auto _ : state) {
            run();
            consume(sum);
        }
        PQexitPipelineMode(c);
        expect_count(state, found, std::int64_t(ids.size()), "rows found");
    });
}

// SQLite in memory through the async engine: every select runs on the connection's thread.
// Each crosses to that thread and back; both sides poll briefly for the other
// (lib/async/sqlite_worker.hpp), so a short select costs no wake-up.
void sqlite_point_select_async(benchmark::State& state, bool concurrent) {
    guarded(state, [&] {
        asio::io_context io;
        auto engine = retort::create_async_engine(io, "sqlite://");
        std::optional<retort::async_connection> conn;
        const auto data = make_users(rows(table_rows));
        run_on(io, [&]() -> asio::awaitable<void> {
            conn.emplace(co_await engine.connect());
            for (const auto& sql : retort::metadata<users_table>::create_statements<retort::sqlite>())
                co_await conn->exec_driver_sql(sql);
            co_await conn->begin();
            for (const auto& u : data)
                co_await conn->execute(
                    retort::insert(users).values(users.username = u.username, users.email = u.email, users.age = u.age));
            co_await conn->commit();
            // One transaction for every select, as sqlite/point_select_20k/raw's.
            co_await conn->begin();
        }());
        const auto ids = point_select_ids(rows(point_selects), rows(table_rows));
        std::int64_t found = 0, sum = 0;
        auto find = [&](int id) -> asio::awaitable<void> {
            auto row = (co_await conn->execute(retort::select(users).where(users.id == id))).first();
            if (!row) co_return;
            ++found;
            sum += digest(row->id, row->username, row->email, row->age);
        };
        auto run = [&] {
            found = 0;
            if (concurrent) {
                run_concurrently(io, ids, find);
            } else {
                run_on(io, [&]() -> asio::awaitable<void> {
                    for (int id : ids) co_await find(id);
                }());
            }
        };
        run();
        for (auto _ : state) {
            run();
            consume(sum);
        }
        conn.reset();
        expect_count(state, found, std::int64_t(ids.size()), "rows found");
    });
}

void bulk_insert_async_copy(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        loaded_postgresql table(url);
        asio::io_context io;
        one_async_connection db(io, url);
        auto& conn = db.conn;
        const auto data = make_users(rows(insert_rows_count));
        const auto statement = retort::insert_rows(users.username, users.email, users.age);
        const retort::bulk_options by_copy{.method = retort::bulk_method::copy};
        for (auto _ : state) {
            state.PauseTiming();
            run_on(io, [&]() -> asio::awaitable<void> {
                co_await conn->exec_driver_sql(R"(TRUNCATE "bench_users" RESTART IDENTITY)");
            }());
            state.ResumeTiming();
            run_on(io, [&]() -> asio::awaitable<void> { co_await conn->execute_many(statement, data, by_copy); }());
        }
        std::int64_t count = 0;
        run_on(io, [&]() -> asio::awaitable<void> {
            count = (co_await conn->execute(retort::select(retort::count()).select_from(users))).scalar_one();
        }());
        conn.reset();
        expect_count(state, count, std::int64_t(data.size()), "rows inserted");
    });
}

[[maybe_unused]] const bool registered = [] {
    server_benchmark(benchmark::RegisterBenchmark("postgresql/point_select_20k/async_sequential",
                                                  point_select_async_sequential), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/point_select_20k/async_pipelined",
                                                  point_select_async_pipelined), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/point_select_20k/raw_pipelined",
                                                  point_select_raw_pipelined), 1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/pgbouncer_point_select_20k/async_unnamed",
                                                  pgbouncer_point_select_async_unnamed), 1);
    // Wall-clock time: the work happens on the pool's threads.
    server_benchmark(benchmark::RegisterBenchmark("sqlite/point_select_20k/async",
                                                  [](benchmark::State& state) { sqlite_point_select_async(state, false); }),
                     1);
    server_benchmark(benchmark::RegisterBenchmark("sqlite/point_select_20k/async_concurrent",
                                                  [](benchmark::State& state) { sqlite_point_select_async(state, true); }),
                     1);
    server_benchmark(benchmark::RegisterBenchmark("postgresql/bulk_insert_100k/async_copy", bulk_insert_async_copy), 3);
    return true;
}();

}  // namespace
}  // namespace retort_bench
