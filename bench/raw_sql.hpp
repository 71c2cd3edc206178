#pragma once
// The SQL texts the raw twins send, written out as a hand-written program would hold them.
// Each is what retort renders for the same statement (checked at compile time below), so
// a twin differs from its retort benchmark only in how it gets there.
#include <string_view>

#include <retort/dsl.hpp>

#include "bench_users.hpp"

namespace retort_bench {

template <class D>
struct raw_sql;

template <>
struct raw_sql<retort::sqlite> {
    static constexpr std::string_view select_two_params =
        R"(SELECT "bench_users"."id", "bench_users"."username", "bench_users"."email", "bench_users"."age" FROM "bench_users" WHERE "bench_users"."age" > ? AND "bench_users"."username" = ?)";
    static constexpr std::string_view insert = R"(INSERT INTO "bench_users" ("username", "email", "age") VALUES (?, ?, ?))";
    static constexpr std::string_view update =
        R"(UPDATE "bench_users" SET "age" = ?, "email" = ? WHERE "bench_users"."id" = ?)";
    static constexpr std::string_view select_min_age =
        R"(SELECT "bench_users"."id", "bench_users"."username", "bench_users"."email", "bench_users"."age" FROM "bench_users" WHERE "bench_users"."age" >= ?)";
    static constexpr std::string_view select_by_id =
        R"(SELECT "bench_users"."id", "bench_users"."username", "bench_users"."email", "bench_users"."age" FROM "bench_users" WHERE "bench_users"."id" = ?)";
};

template <>
struct raw_sql<retort::postgresql> {
    static constexpr std::string_view select_two_params =
        R"(SELECT "bench_users"."id", "bench_users"."username", "bench_users"."email", "bench_users"."age" FROM "bench_users" WHERE "bench_users"."age" > $1 AND "bench_users"."username" = $2)";
    // RETURNING: retort's INSERT on PostgreSQL reports inserted_primary_key with it.
    static constexpr std::string_view insert =
        R"(INSERT INTO "bench_users" ("username", "email", "age") VALUES ($1, $2, $3) RETURNING "id")";
    static constexpr std::string_view update =
        R"(UPDATE "bench_users" SET "age" = $1, "email" = $2 WHERE "bench_users"."id" = $3)";
    static constexpr std::string_view select_min_age =
        R"(SELECT "bench_users"."id", "bench_users"."username", "bench_users"."email", "bench_users"."age" FROM "bench_users" WHERE "bench_users"."age" >= $1)";
    static constexpr std::string_view select_by_id =
        R"(SELECT "bench_users"."id", "bench_users"."username", "bench_users"."email", "bench_users"."age" FROM "bench_users" WHERE "bench_users"."id" = $1)";
    // COPY's columns, as execute_many(insert_rows(...), rows, {.method = copy}) names them.
    static constexpr std::string_view copy_users = R"(COPY "bench_users" ("username", "email", "age") FROM STDIN)";
};

template <class D>
constexpr bool raw_sql_matches_retort() {
    using namespace retort;
    constexpr std::string_view text = "t";
    return sql_text<D>(select(users).where(users.age > 1 && users.username == text)) == raw_sql<D>::select_two_params &&
           sql_text<D>(insert(users).values(users.username = text, users.email = text, users.age = 1)) ==
               raw_sql<D>::insert &&
           sql_text<D>(update(users).set(users.age = 1, users.email = text).where(users.id == 1)) == raw_sql<D>::update &&
           sql_text<D>(select(users).where(users.age >= 1)) == raw_sql<D>::select_min_age &&
           sql_text<D>(select(users).where(users.id == 1)) == raw_sql<D>::select_by_id;
}
static_assert(raw_sql_matches_retort<retort::sqlite>() && raw_sql_matches_retort<retort::postgresql>(),
              "the raw twins must send the SQL text retort sends");

}  // namespace retort_bench
