// A row whose second value is an integer, for the text column email.
// expect: retort: value of the wrong type for this column (type mismatch in assignment)
#include <string>
#include <tuple>
#include <vector>

#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void load(retort::connection& conn, const std::vector<std::tuple<std::string, int>>& rows) {
    conn.execute_many(insert_rows(users.username, users.email), rows);
}
