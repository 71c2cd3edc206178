// INSERT executed: keys (integer, text, composite), several rows, C++ defaults (values and
// callables, evaluated per execution), database defaults, RETURNING.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"
#include "schema/schema.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

template <class Result>
concept reports_a_key = requires(const Result& r) { r.inserted_primary_key(); };

class insert_execution : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(insert_execution);

TEST_P(insert_execution, single_row_reports_its_integer_key) {
    auto result = conn->execute(insert(users).values(users.username = "frank", users.email = "f@example.com", users.age = 52));
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(result.inserted_primary_key())>, std::int32_t>);
    EXPECT_EQ(result.inserted_primary_key(), 6);
    EXPECT_EQ(result.rowcount(), 1);
    conn->commit();
    const auto frank = conn->execute(select(users).where(users.id == result.inserted_primary_key())).one();
    EXPECT_EQ(frank.username, "frank");
    EXPECT_EQ(frank.age, 52);
}

TEST_P(insert_execution, text_and_composite_keys) {
    auto tag = conn->execute(insert(tags).values(tags.name = "cpp", tags.uses = 3));
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(tag.inserted_primary_key())>, std::string>);
    EXPECT_EQ(tag.inserted_primary_key(), "cpp");
    auto membership = conn->execute(insert(memberships).values(memberships.user_id = 2, memberships.group_name = "admins"));
    EXPECT_EQ(membership.inserted_primary_key(), (std::tuple<std::int32_t, std::string>{2, "admins"}));
}

TEST_P(insert_execution, several_rows) {
    auto result = conn->execute(insert(tags)
                                    .values(tags.name = "a", tags.uses = 1)
                                    .values(tags.name = "b", tags.uses = 2)
                                    .values(tags.name = "c", tags.uses = 3));
    EXPECT_EQ(result.rowcount(), 3);
    // no single key to report
    static_assert(!reports_a_key<decltype(result)>);
    EXPECT_EQ(conn->execute(select(tags.name).order_by(tags.name)).scalars(), (names{"a", "b", "c"}));
}

TEST_P(insert_execution, null_and_optional_values) {
    std::optional<int> unknown;
    conn->execute(insert(users).values(users.username = "n1", users.email = "n1@example.com", users.age = null));
    conn->execute(insert(users).values(users.username = "n2", users.email = "n2@example.com", users.age = unknown));
    unknown = 7;
    conn->execute(insert(users).values(users.username = "n3", users.email = "n3@example.com", users.age = unknown));
    EXPECT_EQ(conn->execute(select(users.age).where(users.username.like("n_")).order_by(users.username)).scalars(),
              (std::vector<std::optional<std::int32_t>>{std::nullopt, std::nullopt, 7}));
}

// default_("info") and default_(callable): the callable runs once per row, at each execution.
TEST_P(insert_execution, cpp_defaults_per_execution) {
    const auto log = insert(events).values(events.message = "m");
    const int before = next_sequence_number();
    conn->execute(log);
    conn->execute(log);
    conn->execute(insert(events).values(events.message = "x").values(events.message = "y"));
    conn->execute(insert(events));  // defaults only
    conn->execute(insert(events).values(events.kind = "warning", events.sequence = 1000));
    const auto rows = conn->execute(select(events.kind, events.sequence, events.message).order_by(events.id)).all();
    ASSERT_EQ(rows.size(), 6u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(rows[std::size_t(i)].kind, "info");
        EXPECT_EQ(rows[std::size_t(i)].sequence, before + 1 + i);
    }
    EXPECT_EQ(rows[2].message, "x");
    EXPECT_EQ(rows[3].message, "y");
    EXPECT_EQ(rows[4].message, std::nullopt);
    EXPECT_EQ(rows[5].kind, "warning");
    EXPECT_EQ(rows[5].sequence, 1000);
}

TEST_P(insert_execution, database_defaults) {
    conn.reset();  // an in-memory SQLite database has one connection: create_all needs it
    metadata{teams}.create_all(db);
    conn.emplace(db.connect());
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto result = conn->execute(insert(teams).values(teams.name = "core").returning(teams.created_at, teams.plan, teams.seats));
    const auto row = result.one();
    EXPECT_GE(row.created_at, before - std::chrono::seconds(1));
    EXPECT_LE(row.created_at, std::chrono::system_clock::now() + std::chrono::seconds(1));
    EXPECT_EQ(row.plan, "free");
    EXPECT_EQ(row.seats, 5);
}

TEST_P(insert_execution, returning) {
    auto one = conn->execute(insert(users)
                                 .values(users.username = "gina", users.email = "g@example.com")
                                 .returning(users.id, users.username.as<"name">(), users.age))
                   .one();
    EXPECT_EQ(one.id, 6);
    EXPECT_EQ(one.get<"name">(), "gina");
    EXPECT_EQ(one.age, std::nullopt);
    const auto rows = conn->execute(insert(tags).values(tags.name = "x", tags.uses = 1).values(tags.name = "y", tags.uses = 2).returning(tags))
                          .all();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].name, "x");
    EXPECT_EQ(rows[1].uses, 2);
}

TEST_P(insert_execution, explicit_key_and_bindparams) {
    conn->execute(insert(users).values(users.id = 100, users.username = "hundred", users.email = "h@example.com"));
    const auto add = insert(tags).values(tags.name = bindparam<"name", text>, tags.uses = bindparam<"uses", integer>);
    EXPECT_EQ(conn->execute(add, arg<"name"> = "p", arg<"uses"> = 1).inserted_primary_key(), "p");
    EXPECT_EQ(conn->execute(add, arg<"uses"> = 2, arg<"name"> = "q").inserted_primary_key(), "q");
    conn->commit();
    EXPECT_EQ(conn->execute(select(users.username).where(users.id == 100)).scalar_one(), "hundred");
    EXPECT_EQ(conn->execute(select(tags.uses).order_by(tags.name)).scalars(), (std::vector<std::int32_t>{1, 2}));
}

}  // namespace
