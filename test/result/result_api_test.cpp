// SQLAlchemy 2.0's Result API: keys, mappings, fetchmany, fetchone, partitions, unique,
// conn.scalar / conn.scalars, row_mapping access by name and position, and printing of
// rows, results and statements; on SQLite (memory, file) and PostgreSQL.
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;
using retort::test::names;

class result_api_2 : public retort::test::sample_data_test {};
RETORT_ALL_BACKENDS(result_api_2);

const auto all_users = select(users.id, users.username, users.age).order_by(users.id);

template <class T>
std::string printed(T&& value) {
    std::ostringstream out;
    out << std::forward<T>(value);
    return out.str();
}

TEST_P(result_api_2, keys_name_columns_labels_and_expressions) {
    auto r = conn->execute(select(users.username, count(posts.id).as<"post_count">())
                               .select_from(users.outerjoin(posts))
                               .group_by(users.id, users.username));
    EXPECT_EQ(r.keys(), (names{"username", "post_count"}));
    auto text = conn->execute(text_clause<"SELECT id AS user_id, username FROM users">());
    EXPECT_EQ(text.keys(), (names{"user_id", "username"}));
}

TEST_P(result_api_2, mappings_give_rows_by_name) {
    std::vector<std::string> seen;
    for (const row_mapping& row : conn->execute(all_users).mappings()) {
        EXPECT_EQ(row.keys(), (names{"id", "username", "age"}));
        seen.push_back(row.get<std::string>("username") + "/" +
                       (is_null(row["age"]) ? std::string("NULL") : std::to_string(row.get<int>("age"))));
    }
    EXPECT_EQ(seen, (names{"alice/30", "bob/25", "carol/NULL", "dave/41", "Eve/17"}));
    auto one = conn->execute(all_users.where(users.id == 2)).mappings().one();
    EXPECT_EQ(std::get<std::int64_t>(one[0]), 2);
    EXPECT_EQ(std::get<std::string>(one["username"]), "bob");
}

TEST_P(result_api_2, runtime_access_errors_say_what_is_wrong) {
    auto row = conn->execute(all_users.where(users.id == 3)).mappings().one();
    try {
        (void)row.get<int>("username");
        FAIL() << "no error";
    } catch (const invalid_request_error& e) {
        EXPECT_EQ(std::string(e.what()), "field 'username' holds text ('carol'), which does not read as an integer");
    }
    try {
        (void)row.get<int>("age");
        FAIL() << "no error";
    } catch (const invalid_request_error& e) {
        EXPECT_EQ(std::string(e.what()), "field 'age' holds NULL, which does not read as an integer (read it as std::optional)");
    }
    try {
        (void)row["agee"];
        FAIL() << "no error";
    } catch (const invalid_request_error& e) {
        EXPECT_EQ(std::string(e.what()), "row has no column 'agee' (its columns: id, username, age)");
    }
    EXPECT_THROW((void)row[3], invalid_request_error);
    EXPECT_EQ(row.get<std::optional<int>>("age"), std::nullopt);
}

TEST_P(result_api_2, fetchmany_and_fetchone_read_on) {
    auto r = conn->execute(all_users);
    EXPECT_EQ(r.fetchone()->username, "alice");
    auto two = r.fetchmany(2);
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[1].username, "carol");
    auto rest = r.fetchmany(10);
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_EQ(rest[1].username, "Eve");
    EXPECT_TRUE(r.fetchmany(10).empty());
    EXPECT_FALSE(r.fetchone().has_value());
}

TEST_P(result_api_2, partitions_split_the_rows) {
    std::vector<std::size_t> sizes;
    std::vector<std::string> order;
    for (const auto& part : conn->execute(all_users).partitions(2)) {
        sizes.push_back(part.size());
        for (const auto& row : part) order.push_back(row.username);
    }
    EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2, 1}));
    EXPECT_EQ(order, (names{"alice", "bob", "carol", "dave", "Eve"}));
}

TEST_P(result_api_2, partitions_of_a_streamed_result) {
    std::size_t rows = 0, parts = 0;
    {
        auto tx = conn->begin();  // a PostgreSQL cursor lives in a transaction
        for (const auto& part : conn->execute(stream_results(all_users, 2)).partitions(3)) {
            ++parts;
            rows += part.size();
        }
        tx.commit();
    }
    EXPECT_EQ(parts, 2u);
    EXPECT_EQ(rows, 5u);
}

TEST_P(result_api_2, unique_skips_repeated_rows) {
    const auto authors = select(users.username).select_from(users.join(posts)).order_by(users.id);
    EXPECT_EQ(conn->execute(authors).scalars(), (names{"alice", "alice", "bob"}));
    EXPECT_EQ(conn->execute(authors).unique().scalars(), (names{"alice", "bob"}));
    auto text = conn->execute(text_clause<"SELECT u.username FROM users u JOIN posts p ON p.user_id = u.id ORDER BY u.id">())
                    .unique()
                    .all();
    ASSERT_EQ(text.size(), 2u);
    EXPECT_EQ(text[1].get<std::string>(0), "bob");
}

TEST_P(result_api_2, connection_scalar_and_scalars) {
    EXPECT_EQ(conn->scalar(select(users.age).where(users.username == "dave")), 41);
    EXPECT_EQ(conn->scalar(select(users.age).where(users.username == "nobody")), std::nullopt);
    EXPECT_EQ(conn->scalars(select(users.username).where(users.age > bindparam<"a", integer>).order_by(users.id),
                            arg<"a"> = 26),
              (names{"alice", "dave"}));
    EXPECT_EQ(sql_value_cast<int>(*conn->scalar(text_clause<"SELECT count(*) FROM users">())), 5);
}

TEST_P(result_api_2, rows_results_and_statements_print) {
    EXPECT_EQ(printed(conn->execute(all_users.where(users.id == 3)).one()), "(3, 'carol', NULL)");
    EXPECT_EQ(printed(conn->execute(all_users.where(users.id <= 2))), "(1, 'alice', 30)\n(2, 'bob', 25)\n");
    EXPECT_EQ(printed(conn->execute(all_users.where(users.id == 1)).mappings().one()),
              "{'id': 1, 'username': 'alice', 'age': 30}");
    EXPECT_EQ(printed(select(users.username).where(users.age > 25)),
              R"(SELECT "users"."username" FROM "users" WHERE "users"."age" > $1)");
    EXPECT_EQ(printed(text_clause<"SELECT :x">()), "SELECT $1");
    EXPECT_EQ(printed(text_clause("SELECT :x, :y")), "SELECT $1, $2");
}

}  // namespace
