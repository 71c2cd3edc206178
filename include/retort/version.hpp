#pragma once
#include <string_view>

#define RETORT_VERSION_STRING "0.1.0"

namespace retort {
// The version of the linked library (the headers say RETORT_VERSION_STRING).
std::string_view version() noexcept;
}  // namespace retort
