// Two selected columns called id: get<"id">() cannot choose.
// expect: retort: several fields of the row have this name; label one with .as<"name">()
#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

int first_id(retort::connection& conn) {
    auto row = conn.execute(select(users.id, posts.id).select_from(users.join(posts))).one();
    return row.get<"id">();
}
