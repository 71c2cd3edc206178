#pragma once
// The tables the query tests run against: users and posts as in the design notes, a
// self-referencing employees table (aliases, recursive CTEs), a job queue (row locks),
// page views and votes (upserts on a unique column and on a two-column unique constraint),
// and the table types of recursive CTEs.
#include <retort/retort.hpp>

namespace retort::query_schema {

using namespace retort;

struct users_table : table<users_table, "users"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(username, varchar<50>, unique, not_null);
    RETORT_COLUMN(email, varchar<100>, not_null);
    RETORT_COLUMN(age, integer);  // nullable: read as std::optional<int>
};
inline constexpr users_table users;

struct posts_table : table<posts_table, "posts"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(title, varchar<200>, not_null);
    RETORT_COLUMN(content, text, not_null);
    RETORT_COLUMN(user_id, integer, not_null, references(users.id));
};
inline constexpr posts_table posts;

// manager_id points at another employee; a column cannot reference its own table while the
// table is being declared, so joins give the ON condition.
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

struct page_views_table : table<page_views_table, "page_views"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(path, varchar<100>, unique, not_null);
    RETORT_COLUMN(views, integer, not_null);
};
inline constexpr page_views_table page_views;

struct votes_table : table<votes_table, "votes"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(user_id, integer, not_null, references(users.id));
    RETORT_COLUMN(post_id, integer, not_null, references(posts.id));
    RETORT_COLUMN(score, integer, not_null);
    RETORT_TABLE_ARGS(unique(self.user_id, self.post_id));
};
inline constexpr votes_table votes;

// Table types of recursive CTEs: never created, they name the CTE's columns.
struct chain_table : table<chain_table, "chain"> {
    RETORT_COLUMN(id, integer, not_null);
    RETORT_COLUMN(name, varchar<50>, not_null);
    RETORT_COLUMN(depth, integer, not_null);
};
inline constexpr chain_table chain;

struct counter_table : table<counter_table, "counter"> {
    RETORT_COLUMN(n, integer, not_null);
};
inline constexpr counter_table counter;

inline const auto query_tables = metadata{users, posts, employees, jobs, page_views, votes};

}  // namespace retort::query_schema
