// create_engine<dialect>: an engine whose dialect is known when the program is compiled.
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include <retort/retort.hpp>

#include "support/postgres.hpp"

namespace {
using namespace retort;

struct items_table : table<items_table, "dialect_engine_items"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(label, varchar<20>, not_null);
    RETORT_COLUMN(grp, integer, not_null);
};
inline constexpr items_table items;

template <class Engine>
void round_trip(Engine& engine) {
    const metadata schema{items};
    schema.drop_all(engine);
    schema.create_all(engine);
    const int inserted = engine.transaction([&](auto& conn) {
        int n = 0;
        for (int i = 1; i <= 4; ++i) {
            auto r = conn.execute(insert(items).values(items.label = "item " + std::to_string(i), items.grp = i % 2));
            n += int(r.rowcount());
        }
        return n;
    });
    EXPECT_EQ(inserted, 4);
    auto conn = engine.connect();
    const auto rows = conn.execute(select(items.label).where(items.grp == 1).order_by(items.id)).all();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].label, "item 1");
    EXPECT_EQ(rows[1].label, "item 3");
    EXPECT_EQ(conn.execute(select(count()).select_from(items)).scalar_one(), 4);
    connection& untyped = conn;  // still a connection for code that takes any
    EXPECT_EQ(untyped.execute(select(count()).select_from(items)).scalar_one(), 4);
    // execute_many on the typed connection: its dialect's batches (and COPY on PostgreSQL;
    // SQLite loads with VALUES whatever the method).
    const std::vector<std::tuple<std::string, int>> more{{"item 5", 1}, {"item 6", 0}};
    EXPECT_EQ(conn.execute_many(insert_rows(items.label, items.grp), more), 2);
    EXPECT_EQ(conn.execute_many(insert_rows(items.label, items.grp), more, {.method = bulk_method::copy}), 2);
    EXPECT_EQ(conn.execute(select(count()).select_from(items).where(items.label == "item 6")).scalar_one(), 2);
    conn.rollback();
}

TEST(dialect_engine, sqlite_runs_statements_with_its_text_only) {
    auto engine = create_engine<sqlite>("sqlite://");
    static_assert(std::is_same_v<decltype(engine.connect()), dialect_connection<sqlite>>);
    round_trip(engine);
}

TEST(dialect_engine, sqlite_file) {
    auto engine = create_engine<sqlite>("sqlite:///" + retort::test::temp_sqlite_path());
    round_trip(engine);
}

TEST(dialect_engine, postgresql_runs_distinct_on) {
    RETORT_REQUIRE_POSTGRES(url);
    auto engine = create_engine<postgresql>(url);
    round_trip(engine);
    auto conn = engine.connect();
    const auto firsts =
        conn.execute(select(items.grp, items.label).distinct_on(items.grp).order_by(items.grp, items.id)).all();
    ASSERT_EQ(firsts.size(), 2u);
    EXPECT_EQ(firsts[0].label, "item 2");
    EXPECT_EQ(firsts[1].label, "item 1");
}

// An INSERT's key: SQLite's row id read after it (one library call), PostgreSQL's RETURNING;
// through an engine of either kind. A failed INSERT carries its SQL and values, and the
// connection goes on.
template <class Engine>
void inserted_keys(Engine& engine) {
    const metadata schema{items};
    schema.drop_all(engine);
    schema.create_all(engine);
    auto conn = engine.connect();
    for (int i = 1; i <= 3; ++i) {
        auto r = conn.execute(insert(items).values(items.label = "k" + std::to_string(i), items.grp = i));
        EXPECT_EQ(r.rowcount(), 1);
        EXPECT_EQ(r.inserted_primary_key(), i);
    }
    EXPECT_EQ(conn.execute(insert(items).values(items.id = 42, items.label = "given", items.grp = 0)).inserted_primary_key(),
              42);
    conn.commit();
    try {
        conn.execute(insert(items).values(items.id = 42, items.label = "again", items.grp = 7));
        FAIL() << "no integrity_error";
    } catch (const integrity_error& e) {
        EXPECT_NE(e.sql().find("INSERT INTO"), std::string::npos) << e.sql();
        EXPECT_EQ(e.params(), (std::vector<std::string>{"42", "'again'", "7"}));
    }
    conn.rollback();
    // SQLite's next row id follows the largest; PostgreSQL's sequence ignores a given key.
    const int next_key = conn.dialect() == dialect_kind::sqlite ? 43 : 4;
    EXPECT_EQ(conn.execute(insert(items).values(items.label = "after", items.grp = 1)).inserted_primary_key(), next_key);
    EXPECT_EQ(conn.execute(select(count()).select_from(items)).scalar_one(), 5);
    conn.rollback();
}

TEST(dialect_engine, inserted_keys_on_sqlite) {
    auto typed = create_engine<sqlite>("sqlite://");
    inserted_keys(typed);
    auto untyped = create_engine("sqlite://");
    inserted_keys(untyped);
}

TEST(dialect_engine, inserted_keys_on_postgresql) {
    RETORT_REQUIRE_POSTGRES(url);
    auto typed = create_engine<postgresql>(url);
    inserted_keys(typed);
    auto untyped = create_engine(url);
    inserted_keys(untyped);
}

TEST(dialect_engine, a_url_of_the_other_database_is_a_url_error) {
    try {
        create_engine<postgresql>("sqlite://");
        FAIL() << "no url_error";
    } catch (const url_error& e) {
        EXPECT_NE(std::string(e.what()).find("create_engine<postgresql>: the URL 'sqlite://' is not a postgresql database"),
                  std::string::npos)
            << e.what();
    }
}

TEST(dialect_engine, the_untyped_engine_refuses_distinct_on_on_sqlite_at_run_time) {
    auto engine = create_engine("sqlite://");
    metadata{items}.create_all(engine);
    auto conn = engine.connect();
    try {
        conn.execute(select(items.grp, items.label).distinct_on(items.grp).order_by(items.grp));
        FAIL() << "no not_supported_error";
    } catch (const not_supported_error& e) {
        EXPECT_NE(std::string(e.what()).find("sqlite does not support DISTINCT ON"), std::string::npos) << e.what();
    }
}

}  // namespace
