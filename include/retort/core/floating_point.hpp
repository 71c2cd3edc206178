#pragma once
// NaN and infinity tests without <cmath>: every unit that includes retort would otherwise parse
// all of <cmath> (a tenth of the standard headers' compile work) for these three tests.

#include <limits>

namespace retort::detail {

constexpr bool is_nan(double v) noexcept { return v != v; }

constexpr bool is_infinite(double v) noexcept {
    return v == std::numeric_limits<double>::infinity() || v == -std::numeric_limits<double>::infinity();
}

constexpr bool is_finite(double v) noexcept { return !is_nan(v) && !is_infinite(v); }

}  // namespace retort::detail
