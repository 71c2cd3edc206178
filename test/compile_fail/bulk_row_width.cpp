// Rows of two values for an insert_rows() of three columns.
// expect: retort: each row must have one value per column
#include <string>
#include <tuple>
#include <vector>

#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void load(retort::connection& conn, const std::vector<std::tuple<std::string, std::string>>& rows) {
    conn.execute_many(insert_rows(users.username, users.email, users.age), rows);
}
