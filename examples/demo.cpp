// retort-demo: the seed's flows end to end on one database, section by section: the
// schema, CRUD, transactions, errors, N+1 against a join, and bulk work. Every step
// checks its result; the exit code says whether all of them held.
//
//   retort-demo [DATABASE_URL]     default: sqlite:///demo.db (scripts/demo.sh gives it
//                                  a fresh file in build-demo/)
// The example programs (core_basics, crud, sessions, pitfalls, queries,
// bulk_and_replicas) show each section at more length.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <retort/async/all.hpp>
#include <retort/migrate/command.hpp>
#include <retort/migrate/metadata_schema.hpp>
#include <retort/migrate/revision.hpp>
#include <retort/retort.hpp>
#include <retort/version.hpp>

#include "migrations/schema.hpp"

#include "support/check.hpp"
#include "support/run_example.hpp"
#include "support/seed_schema.hpp"

namespace asio = boost::asio;
using namespace retort;
using examples::posts;
using examples::users;

namespace {

int checks_passed = 0;

void check(bool condition, std::string_view what) {
    examples::check(condition, what);
    ++checks_passed;
}

void heading(std::string_view title) { std::cout << "\n== " << title << " ==\n"; }

std::int64_t user_count(engine& engine) {
    auto conn = engine.connect();
    return conn.execute(select(count()).select_from(users)).scalar_one();
}

// The text of a static statement is a compile-time constant, for each dialect.
constexpr auto older_than_25 = select(users.username, users.age).where(users.age > 25);
static_assert(sql_text<postgresql>(older_than_25) ==
              R"(SELECT "users"."username", "users"."age" FROM "users" WHERE "users"."age" > $1)");

void core_basics(engine& engine) {
    heading("1. Core: engine, metadata, insert, select");
    std::cout << "engine: " << engine.url() << '\n';
    examples::seed_tables.drop_all(engine);  // a clean start: the demo can run again
    examples::seed_tables.create_all(engine);
    for (const auto& ddl : examples::seed_tables.create_statements(engine.dialect())) std::cout << ddl << '\n';

    auto conn = engine.connect();
    auto result = conn.execute(
        insert(users).values(users.username = "john_doe", users.email = "john@example.com", users.age = 30));
    conn.commit();
    std::cout << "Inserted user with id: " << result.inserted_primary_key() << '\n';
    conn.execute(insert(users).values(users.username = "young_one", users.email = "young@example.com", users.age = 19));
    conn.commit();

    std::cout << "PostgreSQL: " << sql_text<postgresql>(older_than_25) << "\nSQLite:     "
              << sql_text<sqlite>(older_than_25) << '\n';
    int shown = 0;
    for (const auto& row : conn.execute(older_than_25)) {
        std::cout << "User: " << row.username << ", Age: " << row.age.value_or(0) << '\n';
        ++shown;
    }
    check(shown == 1, "one user is older than 25");
}

void crud(engine& engine) {
    heading("2. CRUD (the ORM section, done with Core statements)");
    auto conn = engine.connect();
    const auto id = conn.execute(insert(users).values(users.username = "jane_doe", users.email = "jane@example.com",
                                                      users.age = 28))
                        .inserted_primary_key();
    conn.execute(insert(posts).values(posts.title = "Hello", posts.content = "First post", posts.user_id = id));
    conn.commit();
    auto jane = conn.execute(select(users).where(users.username == "jane_doe")).first();
    check(jane.has_value(), "jane_doe is found");
    std::cout << "Found user: <User(username=" << jane->username << ", email=" << jane->email << ")>\n";
    auto post = conn.execute(select(posts.title, users.username).select_from(posts.join(users))).one();
    std::cout << "Post '" << post.title << "' by " << post.username << " (join ON the foreign key)\n";

    conn.execute(update(users).set(users.age = 29).where(users.id == id));
    conn.commit();
    const auto age = conn.execute(select(users.age).where(users.id == id)).scalar_one();
    std::cout << "Updated age: " << age.value_or(0) << '\n';
    check(age == 29, "the update was committed");

    conn.execute(delete_from(posts).where(posts.user_id == id));
    conn.execute(delete_from(users).where(users.id == id));
    conn.commit();
    check(!conn.execute(select(users.id).where(users.id == id)).first(), "jane_doe was deleted");
    std::cout << "Deleted jane_doe and her post\n";
}

// Section 3 as examples/async_users.cpp runs it: the same statements, awaited on an event loop.
asio::awaitable<void> async_section(async_engine& engine) {
    {
        auto conn = co_await engine.connect();  // in memory the async engine has a database of its own
        for (const auto& sql : examples::seed_tables.create_statements(engine.dialect()))
            co_await conn.exec_driver_sql(sql);
    }
    std::int32_t id = 0;
    {
        auto tx = co_await engine.begin();
        id = (co_await tx.execute(insert(users).values(users.username = "async_user", users.email = "async@example.com")))
                 .inserted_primary_key();
        co_await tx.commit();
    }  // back to the pool: in memory it holds the one connection
    auto conn = co_await engine.connect();
    auto email = (co_await conn.execute(select(users.email).where(users.username == "async_user"))).scalar_one_or_none();
    std::cout << "async: created async_user, found " << email.value_or("nothing") << '\n';
    check(email == "async@example.com", "the async engine wrote and read async_user");
    co_await conn.execute(delete_from(users).where(users.id == id));  // the later sections count users
}

void async_users(const std::string& url) {
    heading("3. Async");
    asio::io_context io;
    auto engine = create_async_engine(io, url);
    std::exception_ptr failure;
    asio::co_spawn(io, async_section(engine), [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure) std::rethrow_exception(failure);
}

// Section 4: the tables so far came from create_all; from here on, the seed's migrations
// (examples/migrations/, compiled into this program) own them. `stamp` records that the
// database has revision 1 (what create_all made), `upgrade head` applies revision 2 to the
// rows already there, `check` finds nothing left between the database and the metadata.
void migrations(engine& engine) {
    heading("4. Migrations");
    migrate::environment env;
    env.target = [](dialect_kind dialect) { return migrate::describe(examples::migrated::tables, dialect); };
    env.revisions = migrate::registered_revisions();
    env.engine = &engine;
    auto command = [&](std::vector<std::string> args) {
        std::cout << "$ seed-migrate";
        for (const auto& a : args) std::cout << ' ' << a;
        std::cout << '\n';
        return migrate::run(env, args, std::cout, std::cerr);
    };
    command({"history"});
    command({"stamp", "4a1d7c2e9b30"});
    check(command({"upgrade", "head"}) == 0, "upgrade head applied revision 2");
    command({"current"});
    {
        auto conn = engine.connect();
        for (const auto& row : conn.execute(select(examples::migrated::users.username, examples::migrated::users.status)
                                                .order_by(examples::migrated::users.id)))
            std::cout << "User: " << row.username << ", status: " << row.status << '\n';
    }
    check(command({"check"}) == 0, "the database matches the metadata at head");
}

void transactions(engine& engine) {
    heading("5. Pool and transactions");
    {
        auto a = engine.connect();
        const pool_status s = engine.status();
        std::cout << "pool: size " << s.size << ", checked out " << s.checked_out << ", idle " << s.idle << '\n';
    }
    check(engine.status().checked_out == 0, "the connection went back to the pool");

    engine.transaction([](connection& tx) {  // commit when the function returns
        tx.execute(update(users).set(users.age = users.age + 1).where(users.username == "john_doe"));
    });
    try {
        engine.transaction([](connection& tx) {  // rollback when it throws
            tx.execute(update(users).set(users.age = users.age + 100).where(users.username == "john_doe"));
            throw std::runtime_error("failure after the UPDATE");
        });
    } catch (const std::runtime_error& e) {
        std::cout << "transaction rolled back: " << e.what() << '\n';
    }
    auto conn = engine.connect();
    const auto age = conn.execute(select(users.age).where(users.username == "john_doe")).scalar_one();
    std::cout << "john_doe's age: " << age.value_or(0) << " (committed +1, rolled back +100)\n";
    check(age == 31, "one transaction committed, the other rolled back");
}

void errors(engine& engine) {
    heading("Pitfalls: errors, rollback, nothing lost");
    const auto before = user_count(engine);
    auto conn = engine.connect();
    conn.execute(insert(users).values(users.username = "bystander", users.email = "b@example.com"));
    try {
        conn.execute(insert(users).values(users.username = "john_doe", users.email = "again@example.com"));
        check(false, "a duplicate username is refused");
    } catch (const integrity_error& e) {
        check(dynamic_cast<const unique_violation*>(&e) != nullptr, "the duplicate is a unique_violation");
        std::cout << "unique_violation: " << e.driver_message().substr(0, e.driver_message().find('\n'))
                  << "\n  SQL: " << e.sql() << '\n';
        conn.rollback();
    }
    conn.close();
    std::cout << "users before: " << before << ", after the rollback: " << user_count(engine) << '\n';
    check(user_count(engine) == before, "the failed transaction left nothing behind");

    auto nowhere = create_engine("sqlite:////nonexistent-directory/demo.db");
    try {
        nowhere.connect();
        check(false, "an unreachable database fails to connect");
    } catch (const cannot_connect& e) {
        std::cout << "cannot_connect (an operational_error): " << e.driver_message() << '\n';
    }
}

void n_plus_one(engine& engine, const int& statements) {
    heading("6. N+1 against one join");
    engine.transaction([](connection& tx) {
        for (const auto& user : tx.execute(select(users.id, users.username)).all())
            for (int n = 0; n < (user.username == "john_doe" ? 6 : 2); ++n)
                tx.execute(insert(posts).values(posts.title = "post", posts.content = "...", posts.user_id = user.id));
    });
    auto conn = engine.connect();
    int start = statements;
    for (const auto& user : conn.execute(select(users.id, users.username)).all())
        conn.execute(select(count(posts.id)).where(posts.user_id == user.id)).scalar_one();
    const int naive = statements - start;
    start = statements;
    auto stats = select(users.username, count(posts.id).as<"post_count">())
                     .select_from(users.outerjoin(posts))
                     .group_by(users.id, users.username)
                     .having(count(posts.id) > 5);
    for (const auto& row : conn.execute(stats)) std::cout << row.username << " has " << row.get<"post_count">() << " posts\n";
    const int joined = statements - start;
    std::cout << "N+1: " << naive << " statements; join with GROUP BY/HAVING: " << joined << " statement\n";
    check(naive == 3 && joined == 1, "the join replaces N+1 statements by one");
}

void bulk(engine& engine) {
    heading("Bulk operations");
    std::vector<std::tuple<std::string, std::string>> rows;  // username, email
    for (int i = 0; i < 10'000; ++i) rows.emplace_back("bulk_" + std::to_string(i), "bulk_" + std::to_string(i) + "@example.com");
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t inserted = engine.transaction(
        [&](connection& tx) { return tx.execute_many(insert_rows(users.username, users.email), rows); });
    const auto loaded = std::chrono::steady_clock::now();
    std::vector<std::tuple<std::int32_t, std::int32_t>> ages;  // id, age
    {
        auto conn = engine.connect();
        for (std::int32_t id : conn.execute(select(users.id).where(users.username.like("bulk_%"))).scalars())
            ages.emplace_back(id, 20 + id % 40);
    }
    const auto selected = std::chrono::steady_clock::now();
    const std::int64_t updated =
        engine.transaction([&](connection& tx) { return tx.execute_many(update_rows(users.id, users.age), ages); });
    const auto done = std::chrono::steady_clock::now();
    using seconds = std::chrono::duration<double>;
    std::cout << "inserted " << inserted << " users (execute_many: multi-row INSERTs, one transaction) in "
              << seconds(loaded - start).count() << " s\nupdated " << updated
              << " ages by primary key (one prepared statement) in " << seconds(done - selected).count() << " s\n";
    check(inserted == 10'000 && updated == 10'000 && user_count(engine) == 10'002,
          "10000 users were inserted and updated");
}

void demo(const std::string& url) {
    auto engine = create_engine(url, {.pool_size = 10, .max_overflow = 20, .pool_pre_ping = true});
    int statements = 0;
    engine.on_before_execute([&](const statement_info&) { ++statements; });
    std::cout << "retort " << version() << " demo: the seed's flows\n";
    core_basics(engine);
    crud(engine);
    async_users(url);
    migrations(engine);
    transactions(engine);
    errors(engine);
    n_plus_one(engine, statements);
    bulk(engine);
    std::cout << "\ndemo finished: " << checks_passed << " checks passed\n";
}

}  // namespace

int main(int argc, char** argv) { return examples::run_example(argc, argv, "sqlite:///demo.db", demo); }
