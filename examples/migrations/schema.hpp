#pragma once
// The seed's users and posts as the migrations leave them at head: revision 1 creates both
// tables, revision 2 gives users a status with a server default and an index on it.
#include <retort/retort.hpp>

namespace examples::migrated {

struct users_table : retort::table<users_table, "users"> {
    RETORT_COLUMN(id, retort::integer, retort::primary_key);
    RETORT_COLUMN(username, retort::varchar<50>, retort::unique, retort::not_null);
    RETORT_COLUMN(email, retort::varchar<100>, retort::not_null);
    RETORT_COLUMN(age, retort::integer);
    RETORT_COLUMN(status, retort::varchar<20>, retort::not_null, retort::server_default("active"), retort::index);
};
inline constexpr users_table users;

struct posts_table : retort::table<posts_table, "posts"> {
    RETORT_COLUMN(id, retort::integer, retort::primary_key);
    RETORT_COLUMN(title, retort::varchar<200>, retort::not_null);
    RETORT_COLUMN(content, retort::text, retort::not_null);
    RETORT_COLUMN(user_id, retort::integer, retort::not_null, retort::references(users.id));
};
inline constexpr posts_table posts;

inline constexpr retort::metadata tables{users, posts};

}  // namespace examples::migrated
