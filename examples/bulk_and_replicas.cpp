// The seed's "Bulk Operations for Performance" and "Read Replicas for Scalability":
// 10,000 users inserted in one transaction by execute_many (batched multi-row INSERTs),
// their ages updated by primary key with one prepared statement run for every row, and a router
// that sends writes to the primary engine and reads to a replica engine.
//
//   bulk_and_replicas [DATABASE_URL]     default: sqlite:///bulk_and_replicas.db
// The "replica" here is the same database opened read-only (SQLite ?mode=ro, PostgreSQL
// default_transaction_read_only), so a write sent to it by mistake fails as it would on
// a real replica.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <retort/retort.hpp>

#include "support/check.hpp"
#include "support/run_example.hpp"
#include "support/seed_schema.hpp"

using namespace retort;
using examples::check;
using examples::users;

namespace {

// Members named like the columns they fill.
struct new_user {
    BOOST_HANA_DEFINE_STRUCT(new_user, (std::string, username), (std::string, email));
};

constexpr std::size_t user_total = 10'000;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void bulk_insert(engine& engine) {
    std::vector<new_user> users_data;
    users_data.reserve(user_total);
    for (std::size_t i = 0; i < user_total; ++i)
        users_data.push_back({"user_" + std::to_string(i), "user_" + std::to_string(i) + "@example.com"});

    // The seed's bulk_insert_mappings: one call, multi-row INSERTs as large as the
    // dialect's parameter limit allows, all inside one transaction (and a savepoint, so a
    // bad row undoes the whole call).
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t inserted = engine.transaction(
        [&](connection& tx) { return tx.execute_many(insert_rows(users.username, users.email), users_data); });
    std::cout << "bulk insert: " << inserted << " users in one execute_many, one transaction, " << seconds_since(start)
              << " s\n";
    check(inserted == static_cast<std::int64_t>(user_total), "every user was inserted");
}

void bulk_update(engine& engine) {
    // The seed's bulk_update_mappings([{"id": 1, "age": 31}, ...]): rows of (id, age), one
    // UPDATE ... WHERE id = ? prepared once and run for every row.
    std::vector<std::tuple<std::int32_t, std::int32_t>> ages;  // id, age
    {
        auto conn = engine.connect();
        for (std::int32_t id : conn.execute(select(users.id).order_by(users.id)).scalars()) ages.emplace_back(id, 20 + id % 50);
    }
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t updated =
        engine.transaction([&](connection& tx) { return tx.execute_many(update_rows(users.id, users.age), ages); });
    std::cout << "bulk update: " << updated << " ages set by primary key with one prepared statement, "
              << seconds_since(start) << " s\n";
    check(updated == static_cast<std::int64_t>(user_total), "every age was set");
    auto conn = engine.connect();
    check(conn.execute(select(count()).select_from(users).where(users.age.is_null())).scalar_one() == 0,
          "no user is left without an age");
}

// --- read replicas -----------------------------------------------------------------------

// Routes each unit of work to the engine it belongs on: writes to the primary, reads to
// the replica.
class database_router {
public:
    database_router(engine primary, engine replica) : primary_(std::move(primary)), replica_(std::move(replica)) {}
    connection connect(bool for_write = false) { return (for_write ? primary_ : replica_).connect(); }

private:
    engine primary_;
    engine replica_;
};

// The same database, opened so that it refuses writes.
std::string read_only_url(const std::string& url) {
    const char* separator = url.find('?') == std::string::npos ? "?" : "&";
    if (url.starts_with("sqlite")) return url + separator + "mode=ro";
    return url + separator + "options=-c+default_transaction_read_only%3Don";
}

void read_replicas(engine& primary, const std::string& url) {
    // An in-memory database exists only inside its one engine: there the replica is the
    // primary itself.
    const bool memory = examples::in_memory(url);
    database_router router(primary, memory ? primary : create_engine(read_only_url(url)));
    if (memory) std::cout << "in-memory database: reads and writes share one engine\n";

    {
        auto session = router.connect(/*for_write=*/false);
        const auto everyone = session.execute(select(users.id, users.username)).all();
        std::cout << "replica read: " << everyone.size() << " users\n";
        check(everyone.size() == user_total, "the replica sees every user");
    }
    {
        auto session = router.connect(/*for_write=*/true);
        session.execute(insert(users).values(users.username = "new_user", users.email = "new@example.com"));
        session.commit();
        std::cout << "primary write: new_user inserted\n";
    }
    {
        auto session = router.connect(/*for_write=*/false);
        check(session.execute(select(users.id).where(users.username == "new_user")).first().has_value(),
              "the replica sees the committed write");
        if (!memory) {
            try {
                session.execute(insert(users).values(users.username = "misrouted", users.email = "m@example.com"));
                check(false, "the replica refuses writes");
            } catch (const database_error& e) {
                std::cout << "a write sent to the replica is refused: " << e.driver_message().substr(0, e.driver_message().find('\n')) << '\n';
                session.rollback();
            }
        }
    }
}

void bulk_and_replicas(const std::string& url) {
    auto engine = create_engine(url);
    examples::seed_tables.drop_all(engine);
    examples::seed_tables.create_all(engine);
    std::cout << "== Bulk operations ==\n";
    bulk_insert(engine);
    bulk_update(engine);
    std::cout << "== Read replicas ==\n";
    read_replicas(engine, url);
}

}  // namespace

int main(int argc, char** argv) {
    return examples::run_example(argc, argv, "sqlite:///bulk_and_replicas.db", bulk_and_replicas);
}
