#pragma once
// The seed's two tables, shared by the example programs: users, and posts whose author
// is a foreign key (what the ORM calls a relationship is, in Core, a column that
// references users.id and a join that follows it).
#include <retort/retort.hpp>

namespace examples {

struct users_table : retort::table<users_table, "users"> {
    RETORT_COLUMN(id, retort::integer, retort::primary_key);
    RETORT_COLUMN(username, retort::varchar<50>, retort::unique, retort::not_null);
    RETORT_COLUMN(email, retort::varchar<100>, retort::not_null);
    RETORT_COLUMN(age, retort::integer);  // nullable: read as std::optional<int>
};
inline constexpr users_table users;

struct posts_table : retort::table<posts_table, "posts"> {
    RETORT_COLUMN(id, retort::integer, retort::primary_key);
    RETORT_COLUMN(title, retort::varchar<200>, retort::not_null);
    RETORT_COLUMN(content, retort::text, retort::not_null);
    RETORT_COLUMN(user_id, retort::integer, retort::not_null, retort::references(users.id));
};
inline constexpr posts_table posts;

// Both tables; drop_all() then create_all() gives every run a clean start.
inline constexpr retort::metadata seed_tables{users, posts};

}  // namespace examples
