// What the C++ blocks of README.md and docs/ take for granted, for check_docs.py: the shared
// tables and the values and functions of the reader's own program that fragments use without
// declaring them. check_docs.py brings each name of namespace retort_docs into a file's
// compile unless the file declares that name itself. Nothing here runs: blocks are only
// compiled. (engine, conn, tx and url are parameters of the function a block's statements
// are compiled in: see RETORT_DOCS_CONTEXT.)
#pragma once
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <retort/migrate/inspector.hpp>
#include <retort/migrate/main.hpp>
#include <retort/migrate/revision_file.hpp>
#include <retort/retort.hpp>

#include "render/schema.hpp"

namespace retort_docs {
using namespace retort;

// The design notes' tables and the test schema's, as the docs use them.
using retort::test_schema::users;
using retort::test_schema::users_table;
using retort::test_schema::posts;
using retort::test_schema::posts_table;
using retort::test_schema::tags;
using retort::test_schema::events;
using retort::test_schema::memberships;
using retort::test_schema::log_lines;
using retort::test_schema::type_values;
using retort::test_schema::next_sequence_number;

struct votes_table : table<votes_table, "votes"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(user_id, integer, not_null, references(users.id));
    RETORT_COLUMN(post_id, integer, not_null, references(posts.id));
    RETORT_COLUMN(score, integer, not_null);
    RETORT_TABLE_ARGS(unique(self.user_id, self.post_id));
};
inline constexpr votes_table votes;

struct employees_table : table<employees_table, "employees"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(name, varchar<50>, not_null);
    RETORT_COLUMN(manager_id, integer);
    RETORT_COLUMN(salary, integer, not_null);
};
inline constexpr employees_table employees;

struct jobs_table : table<jobs_table, "jobs"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(state, varchar<20>, not_null);
};
inline constexpr jobs_table jobs;

struct counter_table : table<counter_table, "counter"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(n, integer, not_null);
};
inline constexpr counter_table counter;

// Values from elsewhere in the reader's program.
struct loaded_value {
    template <class T>
    operator T() const;  // implicit on purpose: `std::vector<new_user> rows = load();`
};
loaded_value load();
extern std::string path;
extern std::int32_t views;
extern std::int32_t cap;
extern std::int32_t user;
extern std::int32_t post;
extern std::int32_t score;
extern std::size_t key;
extern std::string sql;
extern std::string table_name;
extern std::map<std::string, std::int64_t> counts;
extern std::map<std::int32_t, std::string> names;
extern std::int64_t checkouts;
extern std::vector<std::tuple<std::int32_t, std::int32_t>> ages;  // (id, age) rows
extern retort::connection writer;
extern retort::connection reader;

// Functions of the reader's program.
void use(const auto&...);
void log(const auto&...);
void log_slow(const auto&...);
void save(const auto&...);
void run(retort::connection);
void transfer(retort::connection&, const auto&...);
extern std::int32_t from;
extern std::int32_t to;
extern std::int64_t amount;

}  // namespace retort_docs

// The parameters of the function each block's statements are compiled in. As parameters
// (not names brought in at file scope) they shadow the types retort::engine and
// retort::connection only inside the block, as a variable of that name does in a program.
#define RETORT_DOCS_CONTEXT                                                                                  \
    [[maybe_unused]] ::retort::engine& engine, [[maybe_unused]] ::retort::connection& conn,               \
        [[maybe_unused]] ::retort::connection& tx, [[maybe_unused]] const std::string& url
