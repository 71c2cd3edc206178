// The seed's "Common Pitfalls", each shown going right: connections returned to the
// pool, work that is not visible to anyone until it is committed, defaults evaluated per
// row, a duplicate caught as an integrity error and rolled back with nothing else lost,
// and the errors of a database that cannot be reached. (Pitfall 3, N+1 queries, is
// queries.cpp.)
//
//   pitfalls [DATABASE_URL]     default: sqlite:///pitfalls.db
// Needs a database that two connections can share: a SQLite file or PostgreSQL.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>
#include <typeinfo>

#include <retort/retort.hpp>

#include "support/check.hpp"
#include "support/run_example.hpp"
#include "support/seed_schema.hpp"

using namespace retort;
using examples::check;
using examples::users;

namespace {

// How often the C++ default of notes.created_at ran: once per inserted row.
int created_at_calls = 0;

// Pitfall 4's table. tags: a JSON list the database fills in (server_default), so no two
// rows can share one; created_at: a callable run for each row the INSERT leaves it out of.
struct notes_table : table<notes_table, "notes"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(title, text, not_null);
    RETORT_COLUMN(tags, json, not_null, server_default("[]"));
    RETORT_COLUMN(created_at, timestamp, not_null, default_([] {
                      ++created_at_calls;
                      return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
                  }));
};
inline constexpr notes_table notes;

// A driver message may span lines (PostgreSQL's DETAIL): keep them under their heading.
std::string indented(std::string text) {
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 3)) text.replace(at, 1, "\n  ");
    return text;
}

std::int64_t user_count(connection& conn) { return conn.execute(select(count()).select_from(users)).scalar_one(); }

void lifecycle(engine& engine) {
    std::cout << "== 1. Connection lifecycle ==\n";
    {
        auto conn = engine.connect();
        conn.execute(select(users.id).limit(1)).all();
        std::cout << "inside the block: " << engine.status().checked_out << " connection checked out\n";
        check(engine.status().checked_out == 1, "the block holds one connection");
    }  // the block ends: rolled back, returned to the pool
    std::cout << "after the block: " << engine.status().checked_out << " checked out, " << engine.status().idle
              << " idle in the pool\n";
    check(engine.status().checked_out == 0, "the connection went back to the pool");
}

void forgetting_to_commit(engine& engine) {
    std::cout << "== 2. Forgetting to commit ==\n";
    {
        auto conn = engine.connect();
        conn.execute(insert(users).values(users.username = "forgotten", users.email = "forgotten@example.com"));
    }  // no commit(): the INSERT is rolled back when the connection goes back to the pool
    auto writer = engine.connect();
    auto reader = engine.connect();
    std::cout << "uncommitted INSERT, then the connection closed: user count " << user_count(reader) << '\n';
    check(user_count(reader) == 0, "work never committed is gone");

    writer.execute(insert(users).values(users.username = "test", users.email = "test@example.com"));
    const auto before = user_count(reader);
    std::cout << "another connection before commit(): user count " << before << '\n';
    check(before == 0, "uncommitted work is invisible to other connections");
    reader.rollback();  // end the reader's transaction too (SQLite: release its read lock)
    writer.commit();
    const auto after = user_count(reader);
    std::cout << "another connection after commit(): user count " << after << '\n';
    check(after == 1, "committed work is visible");
}

void defaults_per_row(engine& engine) {
    std::cout << "== 4. Defaults evaluated per row, not shared ==\n";
    auto conn = engine.connect();
    const auto first = conn.execute(insert(notes).values(notes.title = "first")).inserted_primary_key();
    const auto second = conn.execute(insert(notes).values(notes.title = "second")).inserted_primary_key();
    // Changing one row's list leaves the other's alone: each row got its own '[]'.
    conn.execute(update(notes).set(notes.tags = json_text{R"(["urgent"])"}).where(notes.id == first));
    conn.commit();
    for (const auto& row : conn.execute(select(notes.id, notes.title, notes.tags).order_by(notes.id)))
        std::cout << "note " << row.title << ": tags " << row.tags.text << '\n';
    const auto second_tags = conn.execute(select(notes.tags).where(notes.id == second)).scalar_one();
    check(second_tags.text == "[]", "the second note kept its own empty list");
    std::cout << "created_at's default ran " << created_at_calls << " times, once per INSERT\n";
    check(created_at_calls == 2, "the callable default ran for each row");
    const auto stamps = conn.execute(select(notes.created_at).order_by(notes.id)).scalars();
    check(stamps.size() == 2 && stamps[0] <= stamps[1], "each row has its own creation time");
}

void handling_errors(engine& engine) {
    std::cout << "== 5. Handling database errors ==\n";
    auto conn = engine.connect();
    conn.execute(insert(users).values(users.username = "duplicate", users.email = "first@example.com"));
    conn.commit();
    const auto committed = user_count(conn);
    conn.commit();

    conn.execute(insert(users).values(users.username = "bystander", users.email = "bystander@example.com"));
    try {
        conn.execute(insert(users).values(users.username = "duplicate", users.email = "second@example.com"));
        conn.commit();
        check(false, "a second 'duplicate' is refused");
    } catch (const integrity_error& e) {
        // What was raised is the precise kind: unique_violation, an integrity_error.
        check(dynamic_cast<const unique_violation*>(&e) != nullptr, "a duplicate is a unique_violation");
        std::cout << "integrity_error (unique_violation), SQLSTATE/code " << e.code() << ":\n  "
                  << indented(e.driver_message()) << "\n  SQL: " << e.sql() << "\n  parameters:";
        for (const auto& p : e.params()) std::cout << ' ' << p;
        std::cout << '\n';
        conn.rollback();  // the transaction's other work (bystander) goes with it
    }
    const auto now = user_count(conn);
    std::cout << "rolled back: user count " << now << ", as before the transaction (" << committed << ")\n";
    check(now == committed, "the rollback kept everything committed and nothing else");

    // A URL that cannot be parsed is refused at once; a database that cannot be reached
    // is an operational_error (cannot_connect) at the first connect().
    try {
        create_engine("postgresql://user@host:port/db");
        check(false, "a malformed URL is refused");
    } catch (const url_error& e) {
        std::cout << "url_error: " << e.what() << '\n';
    }
    for (const char* unreachable : {"sqlite:////nonexistent-directory/app.db",
                                    "postgresql://nobody@127.0.0.1:1/app?connect_timeout=2"}) {
        auto nowhere = create_engine(unreachable);
        try {
            nowhere.connect();
            check(false, "an unreachable database fails to connect");
        } catch (const operational_error& e) {
            check(dynamic_cast<const cannot_connect*>(&e) != nullptr, "the failure is cannot_connect");
            std::cout << "operational_error (cannot_connect) for " << nowhere.url() << ":\n  "
                      << std::string_view(e.what()).substr(0, std::string_view(e.what()).find('\n')) << '\n';
        }
    }
}

void pitfalls(const std::string& url) {
    if (examples::in_memory(url))
        throw argument_error("pitfalls needs a database that two connections can share (a SQLite file or "
                             "PostgreSQL), not an in-memory one");
    auto engine = create_engine(url);
    metadata{notes}.drop_all(engine);
    examples::seed_tables.drop_all(engine);
    examples::seed_tables.create_all(engine);
    metadata{notes}.create_all(engine);

    lifecycle(engine);
    forgetting_to_commit(engine);
    std::cout << "== 3. N+1 queries: see the queries example ==\n";
    defaults_per_row(engine);
    handling_errors(engine);
}

}  // namespace

int main(int argc, char** argv) { return examples::run_example(argc, argv, "sqlite:///pitfalls.db", pitfalls); }
