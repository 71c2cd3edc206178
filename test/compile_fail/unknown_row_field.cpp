// A field the row does not have (the username column is not labeled "name").
// expect: retort: the row has no field with this name (label it with .as<"name">())
#include <string>
#include <vector>

#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

std::vector<std::string> names(retort::connection& conn) {
    std::vector<std::string> out;
    for (const auto& row : conn.execute(select(users.username))) out.push_back(row.get<"name">());
    return out;
}
