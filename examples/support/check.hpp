#pragma once
// check(condition, what): the example programs test what they show, so a run that does
// not behave as the seed describes ends with a message and a non-zero exit code.
#include <stdexcept>
#include <string>
#include <string_view>

namespace examples {

struct check_failed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline void check(bool condition, std::string_view what) {
    if (!condition) throw check_failed("check failed: " + std::string(what));
}

}  // namespace examples
