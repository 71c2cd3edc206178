#pragma once
// The tables the compile-fail cases are written against (users and posts as in the design
// notes, accounts for the other types). Not a case: cases are the .cpp files.
#include <retort/dsl.hpp>

namespace app {
using namespace retort;

struct users_table : table<users_table, "users"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(username, varchar<50>, unique, not_null);
    RETORT_COLUMN(email, varchar<100>, not_null);
    RETORT_COLUMN(age, integer);
};
inline constexpr users_table users;

struct posts_table : table<posts_table, "posts"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(title, varchar<200>, not_null);
    RETORT_COLUMN(content, text, not_null);
    RETORT_COLUMN(user_id, integer, not_null, references(users.id));
};
inline constexpr posts_table posts;

struct accounts_table : table<accounts_table, "accounts"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(owner_id, integer, not_null, references(users.id));
    RETORT_COLUMN(active, boolean, not_null);
    RETORT_COLUMN(balance, (numeric<12, 2>), not_null);
    RETORT_COLUMN(rating, double_precision);
    RETORT_COLUMN(opened_on, date);
};
inline constexpr accounts_table accounts;
}  // namespace app
