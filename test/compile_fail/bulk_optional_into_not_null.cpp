// Rows that may hold no username, for the NOT NULL column username.
// expect: retort: a std::optional (maybe NULL) in the rows for a NOT NULL column; use a plain value
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

void load(retort::connection& conn, const std::vector<std::tuple<std::optional<std::string>, std::string>>& rows) {
    conn.execute_many(insert_rows(users.username, users.email), rows);
}
