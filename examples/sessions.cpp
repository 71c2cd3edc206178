// Seed section 5, "Connection Pooling Best Practices": every pool option, echo_pool, the
// connect and checkout events, the pool's status, and the seed's get_db_session() pattern
// as engine.transaction(): commit when the function returns, rollback when it throws.
//
//   sessions [DATABASE_URL]     default: sqlite:///sessions.db
#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <retort/retort.hpp>

#include "support/check.hpp"
#include "support/run_example.hpp"
#include "support/seed_schema.hpp"

using namespace retort;
using examples::check;
using examples::users;

namespace {

void print_status(const engine& engine, std::string_view when) {
    const pool_status s = engine.status();
    std::cout << "pool status " << when << ": size " << s.size << ", idle " << s.idle << ", checked out "
              << s.checked_out << ", overflow " << s.overflow << '\n';
}

int age_of(engine& engine, std::string_view username) {
    auto conn = engine.connect();
    return conn.execute(select(users.age).where(users.username == username)).scalar_one().value_or(0);
}

void sessions(const std::string& url) {
    std::vector<std::string> pool_log;
    auto engine = create_engine(url, {
                                         .echo_pool = true,  // log checkouts, checkins, connects
                                         .log = [&](std::string_view line) { pool_log.emplace_back(line); },
                                         .poolclass = pool_class::queue,
                                         .pool_size = 10,        // connections kept open
                                         .max_overflow = 20,     // more under load, closed when returned
                                         .pool_timeout = 30,     // seconds to wait for a free connection
                                         .pool_recycle = 3600,   // replace connections older than an hour
                                         .pool_pre_ping = true,  // test each connection at checkout
                                     });

    // The seed's @event.listens_for(engine, "connect") and (engine, "checkout").
    int connects = 0, checkouts = 0;
    engine.on_connect([&](const pool_event& e) {
        ++connects;
        std::cout << "event connect: new database connection " << e.connection_id << " established\n";
    });
    engine.on_checkout([&](const pool_event&) { ++checkouts; });

    examples::seed_tables.drop_all(engine);
    examples::seed_tables.create_all(engine);
    engine.transaction([](connection& tx) {
        tx.execute(insert(users).values(users.username = "john_doe", users.email = "john@example.com", users.age = 30));
    });
    print_status(engine, "after setup");

    {
        // Several connections at once; an in-memory database has exactly one.
        const int wanted = std::min(3, engine.status().size);
        std::vector<connection> held;
        for (int i = 0; i < wanted; ++i) held.push_back(engine.connect());
        print_status(engine, "while " + std::to_string(wanted) + " are checked out");
        check(engine.status().checked_out == wanted, "the pool counts the checked-out connections");
    }  // destroyed: each is rolled back and returned to the pool
    print_status(engine, "after they were returned");
    check(engine.status().checked_out == 0, "every connection went back to the pool");

    // get_db_session(): the work commits when the function returns...
    engine.transaction([](connection& tx) {
        tx.execute(update(users).set(users.age = users.age + 1).where(users.username == "john_doe"));
    });
    std::cout << "committed: john_doe's age is " << age_of(engine, "john_doe") << '\n';
    check(age_of(engine, "john_doe") == 31, "the successful transaction was committed");

    // ...and rolls back when it throws; the exception goes on to the caller.
    try {
        engine.transaction([](connection& tx) {
            tx.execute(update(users).set(users.age = users.age + 1).where(users.username == "john_doe"));
            throw std::runtime_error("something failed after the UPDATE");
        });
    } catch (const std::runtime_error& e) {
        std::cout << "rolled back (" << e.what() << "): john_doe's age is still " << age_of(engine, "john_doe")
                  << '\n';
    }
    check(age_of(engine, "john_doe") == 31, "the failed transaction was rolled back");

    std::cout << "events: " << connects << " connect, " << checkouts << " checkout\n";
    check(connects >= 1 && checkouts > connects, "connections were opened once and checked out many times");
    std::cout << "echo_pool logged " << pool_log.size() << " lines; the first ones:\n";
    for (std::size_t i = 0; i < pool_log.size() && i < 4; ++i) std::cout << "  " << pool_log[i] << '\n';
    check(!pool_log.empty(), "echo_pool logged the pool's work");
    print_status(engine, "at the end");
}

}  // namespace

int main(int argc, char** argv) { return examples::run_example(argc, argv, "sqlite:///sessions.db", sessions); }
