// Seed section 1, "SQLAlchemy Core - SQL Expression Language": an engine with pool
// options, tables created from metadata, an INSERT committed and its new primary key,
// a SELECT with a WHERE, and its rows iterated.
//
//   core_basics [DATABASE_URL]     default: sqlite:///core_basics.db
#include <iostream>
#include <optional>
#include <string>

#include <retort/retort.hpp>

#include "support/check.hpp"
#include "support/run_example.hpp"
#include "support/seed_schema.hpp"

using namespace retort;
using examples::check;
using examples::users;

namespace {

void core_basics(const std::string& url) {
    // Nothing connects yet: the pool opens connections as they are needed.
    auto engine = create_engine(url, {.pool_size = 10, .max_overflow = 20, .pool_pre_ping = true});
    std::cout << "engine: " << engine.url() << " (pool_size 10, max_overflow 20, pool_pre_ping)\n";

    // A clean start, so the program can run again on the same database; then CREATE TABLE
    // IF NOT EXISTS for users and posts, users first (posts references it).
    examples::seed_tables.drop_all(engine);
    examples::seed_tables.create_all(engine);
    std::cout << "created tables: users, posts\n";

    {
        auto conn = engine.connect();
        auto result = conn.execute(
            insert(users).values(users.username = "john_doe", users.email = "john@example.com", users.age = 30));
        conn.commit();  // commit as you go: the INSERT began a transaction
        std::cout << "Inserted user with id: " << result.inserted_primary_key() << '\n';
        check(result.inserted_primary_key() == 1, "the first user gets id 1");
    }  // the connection goes back to the pool here

    {
        // Two more rows in one multi-row INSERT, so the WHERE below has something to filter.
        auto conn = engine.connect();
        auto result = conn.execute(insert(users)
                                       .values(users.username = "jane_doe", users.email = "jane@example.com",
                                               users.age = 22)
                                       .values(users.username = "old_timer", users.email = "old@example.com",
                                               users.age = 61));
        conn.commit();
        std::cout << "Inserted " << result.rowcount() << " more users\n";
        check(result.rowcount() == 2, "a two-row INSERT reports two rows");
    }

    {
        auto conn = engine.connect();
        auto stmt = select(users).where(users.age > 25).order_by(users.id);
        // The SQL text was produced by the compiler; 25 travels as a bound parameter.
        std::cout << "SQL: " << sql_text(engine.dialect(), stmt) << '\n';
        int shown = 0;
        for (const auto& row : conn.execute(stmt)) {
            std::cout << "User: " << row.username << ", Age: " << row.age.value_or(0) << '\n';
            ++shown;
        }
        check(shown == 2, "two users are older than 25");
    }
}

}  // namespace

int main(int argc, char** argv) {
    return examples::run_example(argc, argv, "sqlite:///core_basics.db", core_basics);
}
