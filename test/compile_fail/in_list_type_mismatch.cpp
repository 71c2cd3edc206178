// IN over a std::vector of strings for an integer column.
// expect: retort: a number (integer/numeric column) compared with text; compare with a number
#include <string>
#include <vector>

#include "schema.hpp"

using namespace app;

auto by_ids(const std::vector<std::string>& ids) {
    return select(users.username).where(users.id.in_(ids));
}
