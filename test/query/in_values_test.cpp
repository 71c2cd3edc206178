// x IN <a std::vector>: one bound parameter whatever the list's length, so the statement's
// text stays a compile-time constant and its prepared statement is reused. PostgreSQL gets
// x = ANY($1) with an array literal, SQLite x IN (SELECT value FROM json_each(?)) with JSON.
// The list carries every value the column can hold, exactly: text with NUL on SQLite,
// infinities and NaN.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"
#include "render/schema.hpp"

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
              R"(SELECT "users"."username" FROM "users" WHERE "users"."username" NOT IN (SELECT replace(replace(value, char(1) || '0', char(0)), char(1) || '1', char(1)) FROM json_each(?)) AND "users"."age" > ? ORDER BY "users"."username" ASC)");

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

// SQLite's json_each() ends a string at an escaped NUL: the list escapes NUL its own way.
// PostgreSQL text cannot hold a NUL: a data_error, as for a single value.
TEST_P(in_values_test, text_with_nul_matches_exactly) {
    using namespace std::string_literals;
    const std::vector<std::string> names = {""s,     "\0"s,    "\0\0"s, "a\0b"s,   "a"s,      "a\0"s,
                                            "\x01"s, "\x01" "0"s, "\x01" "1"s, "x\x01\0y"s, "\x01\x01"s};
    auto conn = db.connect();
    if (is_postgresql()) {
        try {
            conn.execute(users_named({"a\0b"s})).all();
            ADD_FAILURE() << "no data_error";
        } catch (const data_error& e) {
            EXPECT_NE(std::string(e.what()).find("contains a NUL character, which PostgreSQL text cannot hold"),
                      std::string::npos)
                << e.what();
        }
        return;
    }
    int n = 0;
    for (const auto& name : names)
        conn.execute(insert(users).values(users.username = name, users.email = "user" + std::to_string(n++) + "@example.com"));
    for (const auto& name : names) {
        const auto found = conn.execute(users_named({name})).scalars();
        ASSERT_EQ(found.size(), 1u) << "a list of one name with " << name.size() << " bytes";
        EXPECT_EQ(found[0], name);
    }
    auto all = conn.execute(users_named(names)).scalars();
    EXPECT_EQ(all.size(), names.size());
    conn.execute(update(users).set(users.age = 1).all_rows());
    conn.execute(insert(users).values(users.username = "plain", users.email = "plain@example.com", users.age = 1));
    EXPECT_EQ(conn.execute(users_not_named(names)).scalars(), std::vector<std::string>{"plain"});
}

// Doubles as the double a single value binds: infinities (JSON has none), NaN, floats, the extremes.
TEST_P(in_values_test, doubles_infinities_and_nan) {
    using namespace retort::test_schema;
    metadata{type_values}.create_all(db);
    auto conn = db.connect();
    using limits = std::numeric_limits<double>;
    const std::vector<double> wide = {limits::infinity(), -limits::infinity(), 0.1, 1.0 / 3.0, limits::max(),
                                      limits::denorm_min(), -limits::min(), 0.30000000000000004, 123456789.123456789, -0.0};
    int id = 0;
    for (double v : wide) {
        ++id;
        conn.execute(insert(type_values).values(type_values.id = id, type_values.wide = v));
    }
    conn.execute(update(type_values).set(type_values.single = limits::infinity()).where(type_values.id == 1));
    conn.execute(update(type_values).set(type_values.single = 0.1f).where(type_values.id == 3));
    const auto ids_where = [&](const auto& condition) {
        return conn.execute(select(type_values.id).where(condition).order_by(type_values.id)).scalars();
    };
    id = 0;
    for (double v : wide) {
        ++id;
        EXPECT_EQ(ids_where(type_values.wide.in_(std::vector<double>{v})), std::vector<int>{id}) << v;
        // as = does
        EXPECT_EQ(ids_where(type_values.wide.in_(std::vector<double>{v})), ids_where(type_values.wide == v)) << v;
    }
    EXPECT_EQ(ids_where(type_values.wide.in_(wide)).size(), wide.size());
    // floats as the float a REAL column holds (0.1f is not the double 0.1)
    EXPECT_EQ(ids_where(type_values.single.in_(std::vector<float>{0.1f})), std::vector<int>{3});
    EXPECT_EQ(ids_where(type_values.single.in_(std::vector<float>{float(limits::infinity())})), std::vector<int>{1});
    // NaN: PostgreSQL stores it and finds it; SQLite stores NULL, and NaN matches nothing there, as = NaN does
    conn.execute(insert(type_values).values(type_values.id = 100, type_values.wide = limits::quiet_NaN()));
    const auto nan_ids = ids_where(type_values.wide.in_(std::vector<double>{limits::quiet_NaN()}));
    EXPECT_EQ(nan_ids, ids_where(type_values.wide == limits::quiet_NaN()));
    EXPECT_EQ(nan_ids, is_postgresql() ? std::vector<int>{100} : std::vector<int>{});
    // NOT IN over the list keeps only the NaN row on PostgreSQL; on SQLite that row is NULL
    EXPECT_EQ(ids_where(type_values.wide.not_in(wide)), is_postgresql() ? std::vector<int>{100} : std::vector<int>{});
}

TEST_P(in_values_test, integers_to_their_limits) {
    using namespace retort::test_schema;
    metadata{type_values}.create_all(db);
    auto conn = db.connect();
    using limits = std::numeric_limits<std::int64_t>;
    conn.execute(insert(type_values).values(type_values.id = 1, type_values.big = limits::min())
                     .values(type_values.id = 2, type_values.big = limits::max())
                     .values(type_values.id = 3, type_values.big = 0));
    EXPECT_EQ(conn.execute(select(type_values.id).where(type_values.big.in_(std::vector<std::int64_t>{limits::min(), limits::max()}))
                               .order_by(type_values.id))
                  .scalars(),
              (std::vector<int>{1, 2}));
}

}  // namespace
