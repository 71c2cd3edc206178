#include <retort/version.hpp>

namespace retort {
std::string_view version() noexcept { return RETORT_VERSION_STRING; }
}  // namespace retort
