#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <retort/retort.hpp>

using namespace retort;

namespace {
struct smoke_users_table : table<smoke_users_table, "users"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(username, varchar<50>, unique, not_null);
    RETORT_COLUMN(email, varchar<100>, not_null);
    RETORT_COLUMN(age, integer);
};
inline constexpr smoke_users_table smoke_users;
}  // namespace

TEST(execute_smoke, sqlite_memory_roundtrip) {
    auto engine = create_engine("sqlite://");
    metadata{smoke_users}.create_all(engine);
    auto conn = engine.connect();
    auto r = conn.execute(insert(smoke_users).values(smoke_users.username = "john_doe", smoke_users.email = "john@example.com", smoke_users.age = 30));
    conn.commit();
    EXPECT_EQ(r.inserted_primary_key(), 1);
    int n = 0;
    for (const auto& row : conn.execute(select(smoke_users).where(smoke_users.age > 25))) {
        EXPECT_EQ(row.username, "john_doe");
        EXPECT_EQ(row.age, 30);
        ++n;
    }
    EXPECT_EQ(n, 1);
}

// A keyed INSERT runs through one driver call without echo or execute listeners and through
// run() with them: both give the row's id and count, and a failure its SQL and values.
TEST(execute_smoke, inserted_key_with_and_without_echo) {
    std::vector<std::string> lines;
    auto engine = create_engine("sqlite://", {.echo = true, .log = [&](std::string_view line) { lines.emplace_back(line); }});
    metadata{smoke_users}.create_all(engine);
    auto conn = engine.connect();
    lines.clear();
    auto echoed = conn.execute(insert(smoke_users).values(smoke_users.username = "a", smoke_users.email = "a@x"));
    EXPECT_EQ(echoed.inserted_primary_key(), 1);
    EXPECT_EQ(echoed.rowcount(), 1);
    ASSERT_GE(lines.size(), 3u);
    EXPECT_EQ(lines[1], R"([retort.engine] INSERT INTO "users" ("username", "email") VALUES (?, ?))");
    try {
        conn.execute(insert(smoke_users).values(smoke_users.username = "a", smoke_users.email = "again@x"));
        FAIL() << "no unique_violation";
    } catch (const unique_violation& e) {
        EXPECT_EQ(e.params(), (std::vector<std::string>{"'a'", "'again@x'"}));
        EXPECT_EQ(e.sql(), R"(INSERT INTO "users" ("username", "email") VALUES (?, ?))");
    }
    conn.commit();

    auto quiet_engine = create_engine("sqlite://");
    metadata{smoke_users}.create_all(quiet_engine);
    auto quiet = quiet_engine.connect();
    for (int id = 1; id <= 3; ++id) {
        auto r = quiet.execute(insert(smoke_users).values(smoke_users.username = "u" + std::to_string(id),
                                                          smoke_users.email = "u@x"));
        EXPECT_EQ(r.inserted_primary_key(), id);
        EXPECT_EQ(r.rowcount(), 1);
    }
    try {
        quiet.execute(insert(smoke_users).values(smoke_users.username = "u2", smoke_users.email = "dup@x"));
        FAIL() << "no unique_violation";
    } catch (const unique_violation& e) {
        EXPECT_EQ(e.params(), (std::vector<std::string>{"'u2'", "'dup@x'"}));
    }
    // The statement was finished: the next insert reuses it.
    EXPECT_EQ(quiet.execute(insert(smoke_users).values(smoke_users.username = "u4", smoke_users.email = "u@x"))
                  .inserted_primary_key(),
              4);
}

namespace {
// An in-memory database with users a (age 20) and b.
engine with_two_users(int age_of_b) {
    auto engine = create_engine("sqlite://");
    metadata{smoke_users}.create_all(engine);
    engine.transaction([&](connection& conn) {
        conn.execute(insert(smoke_users).values(smoke_users.username = "a", smoke_users.email = "a@x", smoke_users.age = 20));
        conn.execute(insert(smoke_users).values(smoke_users.username = "b", smoke_users.email = "b@x", smoke_users.age = age_of_b));
    });
    return engine;
}
}  // namespace

TEST(execute_smoke, bindparam) {
    auto engine = with_two_users(40);
    auto conn = engine.connect();
    auto older = select(smoke_users.username).where(smoke_users.age > bindparam<"min_age", integer>);
    EXPECT_EQ(conn.execute(older, arg<"min_age"> = 30).scalar_one(), "b");
    EXPECT_EQ(conn.execute(older, arg<"min_age"> = 10).scalars().size(), 2u);
}

namespace {
struct user_summary {
    BOOST_HANA_DEFINE_STRUCT(user_summary, (std::string, username), (std::optional<std::int32_t>, age));
};
}  // namespace

TEST(execute_smoke, struct_mapping) {
    auto engine = create_engine("sqlite://");
    metadata{smoke_users}.create_all(engine);
    auto conn = engine.connect();
    conn.execute(insert(smoke_users).values(smoke_users.username = "a", smoke_users.email = "a@x", smoke_users.age = 20));
    auto rows = conn.execute(select(smoke_users)).all<user_summary>();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].username, "a");
    EXPECT_EQ(rows[0].age, 20);
}

TEST(execute_smoke, dynamic_and_in_values) {
    auto engine = create_engine("sqlite://");
    metadata{smoke_users}.create_all(engine);
    auto conn = engine.connect();
    conn.execute(insert(smoke_users).values(smoke_users.username = "a", smoke_users.email = "a@x", smoke_users.age = 20));
    conn.execute(insert(smoke_users).values(smoke_users.username = "b", smoke_users.email = "b@x", smoke_users.age = 40));
    conn.execute(insert(smoke_users).values(smoke_users.username = "c", smoke_users.email = "c@x", smoke_users.age = 60));
    auto filters = dynamic_and(smoke_users);
    EXPECT_EQ(conn.execute(select(smoke_users.username).where(filters)).scalars().size(), 3u);
    filters.add(smoke_users.age > 30);
    filters.add(smoke_users.username != "c");
    EXPECT_EQ(conn.execute(select(smoke_users.username).where(filters)).scalars(), std::vector<std::string>{"b"});
    std::vector<int> ids{1, 3};
    EXPECT_EQ(conn.execute(select(smoke_users.username).where(smoke_users.id.in_(ids)).order_by(smoke_users.id)).scalars(),
              (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(conn.execute(select(smoke_users.username).where(smoke_users.id.not_in(std::vector<int>{})).order_by(smoke_users.id)).scalars().size(), 3u);
}

TEST(execute_smoke, bulk_insert_and_update) {
    auto engine = create_engine("sqlite://");
    metadata{smoke_users}.create_all(engine);
    auto conn = engine.connect();
    std::vector<std::tuple<std::string, std::string, std::optional<int>>> rows;
    for (int i = 0; i < 2500; ++i) rows.emplace_back("user_" + std::to_string(i), "u" + std::to_string(i) + "@x", i % 7 ? std::optional<int>(i) : std::nullopt);
    EXPECT_EQ(conn.execute_many(insert_rows(smoke_users.username, smoke_users.email, smoke_users.age), rows), 2500);
    auto ids = conn.execute_many(insert_rows(smoke_users.username, smoke_users.email).returning(smoke_users.id), std::vector{std::tuple{std::string("x1"), std::string("e")}, std::tuple{std::string("x2"), std::string("e")}});
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(ids[0].id, 2501);
    EXPECT_EQ(ids[1].id, 2502);
    EXPECT_EQ(conn.execute_many(update_rows(smoke_users.id, smoke_users.age), std::vector{std::tuple{1, std::optional<int>(31)}, std::tuple{2, std::optional<int>(32)}}), 2);
    EXPECT_EQ(conn.execute(select(smoke_users.age).where(smoke_users.id == 2)).scalar_one(), 32);
    EXPECT_EQ(conn.execute(select(count()).select_from(smoke_users)).scalar_one(), 2502);
}

// Aggregates over subqueries and CTEs: their columns group by themselves (no keys to look up).
TEST(execute_smoke, aggregate_over_subquery_and_cte) {
    auto engine = with_two_users(70);
    auto conn = engine.connect();
    auto older = select(smoke_users.id, smoke_users.age).where(smoke_users.age > 10).cte<"older">();
    EXPECT_EQ(conn.execute(select(max(older.c<"age">)).with_(older)).scalar_one(), 70);
    auto sub = select(smoke_users.id, smoke_users.age).subquery<"sub">();
    EXPECT_EQ(conn.execute(select(count()).select_from(sub)).scalar_one(), 2);
}
