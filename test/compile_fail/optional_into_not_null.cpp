// A std::optional (maybe empty) into a NOT NULL column.
// expect: retort: a std::optional (maybe NULL) assigned to a NOT NULL column; assign a plain value
#include <optional>
#include <string>

#include "schema.hpp"

using namespace app;

auto add(const std::optional<std::string>& email) {
    return insert(users).values(users.username = "john", users.email = email);
}
