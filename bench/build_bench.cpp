// What a user's call costs before the driver runs anything: the statement built from its
// values, the values bound into the driver's parameter block, and the SQL text taken.
//   build/<statement>/<dialect>/retort   select(...), insert(...) or update(...) built; retort's
//                                        binder puts its values into the driver statement;
//                                        sql_text<dialect>() gives the text
//   build/<statement>/<dialect>/raw      the same values put into the same kind of block by
//                                        hand; the text is a string literal (raw_sql.hpp)
// The parameter block is what the C API call takes: on SQLite the prepared sqlite3_stmt's
// bindings (sqlite3_bind_*), on PostgreSQL the parameter texts PQexecPrepared is given
// (integers formatted, text copied into reused strings). Both sides release the block for
// the next call (sqlite3_reset; PostgreSQL: every parameter marked unbound). Nothing is
// executed. Reported in nanoseconds per call.
#include <benchmark/benchmark.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

#include <sqlite3.h>

#include <retort/retort.hpp>

#include "bench_check.hpp"
#include "bench_options.hpp"
#include "bench_users.hpp"
#include "postgresql_statement.hpp"
#include "raw_sql.hpp"
#include "raw_sqlite.hpp"
#include "sqlite_statement.hpp"

namespace retort_bench {
namespace {

using retort::postgresql;
using retort::sqlite;

// The values, which the optimizer cannot see through: each iteration hands the whole
// struct to DoNotOptimize (its memory-operand form), then builds from it.
struct inputs {
    int id = 42;
    int age = 30;
    std::string_view username = "john_doe";
    std::string_view email = "john@example.com";
};

// --- the statements, as a program writes them with retort and by hand -----------------------

struct select_two_params {
    static constexpr const char* name = "select_two_params";
    static auto build(const inputs& in) {
        return retort::select(users).where(users.age > in.age && users.username == in.username);
    }
    template <class D>
    static constexpr std::string_view raw_text = raw_sql<D>::select_two_params;
    template <class Block>
    static void bind_raw(Block& b, const inputs& in) {
        b.set_int(0, in.age);
        b.set_text(1, in.username);
    }
};

struct insert_user {
    static constexpr const char* name = "insert";
    static auto build(const inputs& in) {
        return retort::insert(users).values(users.username = in.username, users.email = in.email, users.age = in.age);
    }
    template <class D>
    static constexpr std::string_view raw_text = raw_sql<D>::insert;
    template <class Block>
    static void bind_raw(Block& b, const inputs& in) {
        b.set_text(0, in.username);
        b.set_text(1, in.email);
        b.set_int(2, in.age);
    }
};

struct update_user {
    static constexpr const char* name = "update";
    static auto build(const inputs& in) {
        return retort::update(users).set(users.age = in.age, users.email = in.email).where(users.id == in.id);
    }
    template <class D>
    static constexpr std::string_view raw_text = raw_sql<D>::update;
    template <class Block>
    static void bind_raw(Block& b, const inputs& in) {
        b.set_int(0, in.age);
        b.set_text(1, in.email);
        b.set_int(2, in.id);
    }
};

// --- the parameter blocks ---------------------------------------------------------------------

// SQLite: a statement prepared on an in-memory database holding the users table.
struct sqlite_database {
    sqlite_database() {
        check_raw_ddl();
        db.exec(sqlite_create_users);
    }
    raw_sqlite_db db;
};

// What a hand-written program does with its prepared statement. Text is bound without a
// copy (SQLITE_STATIC): the program keeps its values alive until the statement has run.
class raw_sqlite_block {
public:
    raw_sqlite_block(const raw_sqlite_db& db, std::string_view sql) : statement_(db, sql) {}
    void set_int(int index, int value) { sqlite3_bind_int(statement_.get(), index + 1, value); }
    void set_text(int index, std::string_view value) {
        sqlite3_bind_text(statement_.get(), index + 1, value.data(), int(value.size()), SQLITE_STATIC);
    }
    void release() { sqlite3_reset(statement_.get()); }

private:
    raw_sqlite_statement statement_;
};

// What a hand-written libpq program keeps for a statement's parameters: their texts, in
// strings reused from call to call, and which are NULL.
template <std::size_t N>
class raw_postgresql_block {
public:
    void set_int(std::size_t index, int value) {
        char digits[16];
        texts_[index].assign(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
        null_[index] = false;
    }
    void set_text(std::size_t index, std::string_view value) {
        texts_[index].assign(value.data(), value.size());
        null_[index] = false;
    }
    void release() { null_.fill(true); }

private:
    std::array<std::string, N> texts_;
    std::array<bool, N> null_{};
};

// --- the benchmarks ---------------------------------------------------------------------------

template <class D, class Statement>
void build_retort(benchmark::State& state, retort::driver::statement& block) {
    inputs in;
    const std::tuple<> no_named_values;
    for (auto _ : state) {
        benchmark::DoNotOptimize(in);
        const auto statement = Statement::build(in);
        const std::string_view sql = retort::sql_text<D>(statement);
        {
            // as the executor binds: through the statement's bound_values
            retort::detail::value_binder binder(block, D::kind);
            retort::detail::bound_values_of(statement, no_named_values).bind_into(binder);
        }
        consume(sql);
        block.finish();
    }
}

template <class D, class Statement, class Block>
void build_raw(benchmark::State& state, Block& block) {
    inputs in;
    for (auto _ : state) {
        benchmark::DoNotOptimize(in);
        const std::string_view sql = Statement::template raw_text<D>;
        Statement::bind_raw(block, in);
        consume(sql);
        block.release();
    }
}

template <class Statement>
void sqlite_retort(benchmark::State& state) {
    guarded(state, [&] {
        sqlite_database database;
        retort::detail::sqlite_session session;
        session.db = database.db.get();
        retort::detail::sqlite_statement block(session, Statement::template raw_text<sqlite>, true);
        build_retort<sqlite, Statement>(state, block);
    });
}

template <class Statement>
void sqlite_raw(benchmark::State& state) {
    guarded(state, [&] {
        sqlite_database database;
        raw_sqlite_block block(database.db, Statement::template raw_text<sqlite>);
        build_raw<sqlite, Statement>(state, block);
    });
}

// PostgreSQL's block needs no server: binding only fills the statement's parameter texts.
template <class Statement>
void postgresql_retort(benchmark::State& state) {
    guarded(state, [&] {
        retort::detail::postgresql_session session;  // no connection: binding needs none
        retort::detail::postgresql_statement block(session, "", Statement::template raw_text<postgresql>);
        build_retort<postgresql, Statement>(state, block);
    });
}

template <class Statement>
void postgresql_raw(benchmark::State& state) {
    guarded(state, [&] {
        raw_postgresql_block<3> block;
        build_raw<postgresql, Statement>(state, block);
    });
}

template <class Statement>
void register_statement() {
    const std::string prefix = std::string("build/") + Statement::name + "/";
    auto add = [&](const std::string& name, void (*fn)(benchmark::State&)) {
        build_benchmark(benchmark::RegisterBenchmark((prefix + name).c_str(), fn));
    };
    add("sqlite/retort", sqlite_retort<Statement>);
    add("sqlite/raw", sqlite_raw<Statement>);
    add("postgresql/retort", postgresql_retort<Statement>);
    add("postgresql/raw", postgresql_raw<Statement>);
}

[[maybe_unused]] const bool registered = [] {
    register_statement<select_two_params>();
    register_statement<insert_user>();
    register_statement<update_user>();
    return true;
}();

}  // namespace
}  // namespace retort_bench
