// insert_rows() without email, which is NOT NULL and has no default.
// expect: retort: a required column is missing from the INSERT (NOT NULL, no default); assign it in values()
#include "schema.hpp"

using namespace app;

constexpr auto load_usernames = insert_rows(users.username);
