// execute_many() given a plain INSERT: its values are fixed, rows could not reach it.
// expect: retort: execute_many() runs insert_rows(...) and update_rows(...) statements
#include <string>
#include <tuple>
#include <vector>

#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void load(retort::connection& conn, const std::vector<std::tuple<std::string, std::string>>& rows) {
    conn.execute_many(insert(users).values(users.username = "a", users.email = "b"), rows);
}
