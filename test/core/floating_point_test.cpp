#include <retort/core/floating_point.hpp>

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace {

using retort::detail::is_finite;
using retort::detail::is_infinite;
using retort::detail::is_nan;

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

static_assert(is_nan(nan) && !is_nan(infinity) && !is_nan(0.0));
static_assert(is_infinite(infinity) && is_infinite(-infinity) && !is_infinite(nan));
static_assert(is_finite(1.5) && !is_finite(infinity) && !is_finite(nan));

// The same answers as <cmath>'s, at run time too, for the values at the edges.
TEST(FloatingPoint, AgreesWithCmath) {
    const double values[] = {0.0,
                             -0.0,
                             1.0,
                             -2.5,
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::lowest(),
                             std::numeric_limits<double>::min(),
                             std::numeric_limits<double>::denorm_min(),
                             infinity,
                             -infinity,
                             nan,
                             -nan,
                             std::numeric_limits<double>::signaling_NaN()};
    for (double v : values) {
        EXPECT_EQ(is_nan(v), std::isnan(v)) << v;
        EXPECT_EQ(is_infinite(v), std::isinf(v)) << v;
        EXPECT_EQ(is_finite(v), std::isfinite(v)) << v;
    }
}

// A float column's check: a double past float's range becomes an infinite float.
TEST(FloatingPoint, ADoublePastFloatsRangeIsNoFiniteFloat) {
    volatile double big = 1e300;  // volatile: the conversion happens at run time
    EXPECT_TRUE(is_finite(big));
    EXPECT_FALSE(is_finite(static_cast<float>(big)));
    volatile double small = 3.0e38;
    EXPECT_TRUE(is_finite(static_cast<float>(small)));
}

}  // namespace
