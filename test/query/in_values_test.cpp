// x IN <a std::vector>: one bound parameter whatever the list's length, so the statement's
// text stays a compile-time constant and its prepared statement is reused. PostgreSQL gets
// x = ANY($1) with an array literal, SQLite x IN (SELECT value FROM json_each(?)) with JSON.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

inline auto users_by_id(const std::vector<int>& ids) {
    return select(users.username).where(users.id.in_(ids)).order_by(users.username);
}
using by_id = decltype(users_by_id({}));
static_assert(sql_text_v<postgresql, by_id> ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."id" = ANY($1) ORDER BY "users"."username" ASC)");
static_assert(sql_text_v<sqlite, by_id> ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."id" IN (SELECT value FROM json_each(?)) ORDER BY "users"."username" ASC)");
static_assert(!statement_text<postgresql, by_id>::dynamic);
static_assert(statement_text<postgresql, by_id>::parameter_count == 1);

inline auto users_not_named(const std::vector<std::string>& names) {
    return select(users.username).where(users.username.not_in(names) && users.age > 0).order_by(users.username);
}
using not_named = decltype(users_not_named({}));
static_assert(sql_text_v<postgresql, not_named> ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."username" != ALL($1) AND "users"."age" > $2 ORDER BY "users"."username" ASC)");
static_assert(sql_text_v<sqlite, not_named> ==
              R"(SELECT "users"."username" FROM "users" WHERE "users"."username" NOT IN (SELECT value FROM json_each(?)) AND "users"."age" > ? ORDER BY "users"."username" ASC)");

inline auto users_named(const std::vector<std::string>& names) {
    return select(users.username).where(users.username.in_(names));
}

class in_values_test : public retort::test::query_test {};
RETORT_ALL_BACKENDS(in_values_test);

TEST(in_values_text, the_list_is_one_value) {
    EXPECT_EQ(retort::test::bound_values(users_by_id({3, 1, 2})), std::vector<std::string>{"[3, 1, 2]"});
    EXPECT_EQ(retort::test::bound_values(users_not_named({"a'b"})), (std::vector<std::string>{"['a''b']", "0"}));
}

TEST_P(in_values_test, vector_of_ints) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(users_by_id({ids.dave, ids.alice})).scalars(), (std::vector<std::string>{"alice", "dave"}));
    EXPECT_EQ(conn.execute(users_by_id({ids.bob})).scalars(), std::vector<std::string>{"bob"});
    EXPECT_EQ(conn.execute(users_by_id({ids.bob, ids.bob, 999})).scalars(), std::vector<std::string>{"bob"});
    EXPECT_EQ(conn.execute(users_by_id({})).scalars(), std::vector<std::string>{});

    // any length, one statement text (and one prepared statement)
    std::vector<std::string> texts;
    db.on_before_execute([&](const statement_info& info) { texts.emplace_back(info.sql); });
    std::vector<int> many;
    for (int i = -500; i <= ids.carol; ++i) many.push_back(i);
    EXPECT_EQ(conn.execute(users_by_id(many)).scalars(), (std::vector<std::string>{"alice", "bob", "carol"}));
    EXPECT_EQ(conn.execute(users_by_id({})).scalars(), std::vector<std::string>{});
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0], texts[1]);
}

TEST_P(in_values_test, not_in_a_vector) {
    seed_blog();
    auto conn = db.connect();
    EXPECT_EQ(conn.execute(users_not_named({"bob", "nobody"})).scalars(), (std::vector<std::string>{"alice", "dave"}));
    // NOT IN an empty list is true for every row (carol's NULL age fails the other condition)
    EXPECT_EQ(conn.execute(users_not_named({})).scalars(), (std::vector<std::string>{"alice", "bob", "dave"}));
}

TEST_P(in_values_test, strings_that_need_escaping) {
    // each one a username: quotes, backslashes, the array and JSON syntax, the word NULL
    const std::vector<std::string> odd = {
        "o'brien", R"(back\slash)", R"(quote"d)", R"(\"both\")", "comma,name", "{brace}", "[bracket]",
        "NULL", "null", "", " spaced ", "tab\there", "line\nbreak", "zo\xc3\xab", "semi;colon", "trailing\\"};
    {
        auto conn = db.connect();
        int n = 0;
        for (const auto& name : odd)
            conn.execute(insert(users).values(users.username = name, users.email = "user" + std::to_string(n++) + "@example.com"));
        conn.execute(insert(users).values(users.username = "plain", users.email = "plain@example.com"));
        conn.commit();
    }
    auto conn = db.connect();
    auto found = conn.execute(users_named(odd)).scalars();
    std::sort(found.begin(), found.end());
    auto expected = odd;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(found, expected);

    // one at a time: each matches itself only
    for (const auto& name : odd) EXPECT_EQ(conn.execute(users_named({name})).scalars(), std::vector<std::string>{name}) << name;
    EXPECT_EQ(conn.execute(users_named({"o'brien'", "back\\\\slash", "quote\\\"d"})).scalars(), std::vector<std::string>{});
    // and NOT IN keeps only the plain one (every odd user has no age: the age condition is on plain too)
    conn.execute(update(users).set(users.age = 1).all_rows());
    EXPECT_EQ(conn.execute(users_not_named(odd)).scalars(), std::vector<std::string>{"plain"});
}

TEST_P(in_values_test, optional_elements_and_other_element_types) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    // NULL in the list matches nothing
    const std::vector<std::optional<int>> maybe = {ids.alice, std::nullopt};
    EXPECT_EQ(conn.execute(select(users.username).where(users.id.in_(maybe))).scalars(), std::vector<std::string>{"alice"});
    // a vector of int64 for an integer column, string_views for a text column
    const std::vector<std::int64_t> wide = {ids.bob, ids.dave};
    EXPECT_EQ(conn.execute(select(users.username).where(users.id.in_(wide)).order_by(users.id)).scalars(),
              (std::vector<std::string>{"bob", "dave"}));
    const std::vector<std::string_view> views = {"a1", "d6"};
    EXPECT_EQ(conn.execute(select(posts.title).where(posts.title.in_(views)).order_by(posts.title)).scalars(),
              (std::vector<std::string>{"a1", "d6"}));
}

TEST_P(in_values_test, with_other_values_around_it) {
    const auto ids = seed_blog();
    auto conn = db.connect();
    // values before and after the list keep their places
    const std::vector<int> authors = {ids.alice, ids.dave};
    auto statement = select(posts.title)
                         .where(posts.title.like("%2") && posts.user_id.in_(authors) && posts.title != "zzz")
                         .order_by(posts.title);
    EXPECT_EQ(conn.execute(statement).scalars(), (std::vector<std::string>{"a2", "d2"}));
}

}  // namespace
