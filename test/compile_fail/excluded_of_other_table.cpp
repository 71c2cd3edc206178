// excluded() of a column of another table: the upsert into users has no excluded."title".
// expect: retort: excluded() takes a column of the table inserted into
#include "schema.hpp"

using namespace app;

constexpr auto upsert = insert(users)
                            .values(users.username = "ann", users.email = "ann@example.com")
                            .on_conflict(users.username)
                            .do_update(users.email = excluded(posts.title));
constexpr auto sql = sql_text<postgresql>(upsert);
