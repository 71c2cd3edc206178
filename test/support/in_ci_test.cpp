#include <gtest/gtest.h>

#include "child_role.hpp"
#include "support/postgres.hpp"

namespace retort::test {
namespace {

TEST(in_ci, follows_the_ci_variable) {
    {
        scoped_env env({{"CI", "true"}});
        EXPECT_TRUE(in_ci());
    }
    {
        scoped_env env({{"CI", std::nullopt}});
        EXPECT_FALSE(in_ci());
    }
    {
        scoped_env env({{"CI", "false"}});
        EXPECT_FALSE(in_ci());
    }
}

}  // namespace
}  // namespace retort::test
