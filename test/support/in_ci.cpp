#include <cstdlib>
#include <string_view>

#include "support/postgres.hpp"

namespace retort::test {

bool in_ci() {
    const char* value = std::getenv("CI");
    if (value == nullptr) return false;
    std::string_view text(value);
    return text == "true" || text == "TRUE" || text == "True" || text == "1";
}

}  // namespace retort::test
