// RETORT_REQUIRE_POSTGRES when no server can be had: fail in CI, skip elsewhere, never run on.
#include <string>

#include <gtest/gtest.h>

#include "child_role.hpp"

namespace retort::test {
namespace {

TEST(require_postgres, fails_in_ci_when_no_server_can_be_had) {
    scoped_env env({{"RETORT_TEST_PG_URL", std::nullopt}, {"RETORT_PG_BINDIR", "/nonexistent/pgbin"}, {"CI", "true"}});
    auto child = run_self_as("require-postgres");
    EXPECT_EQ(child.exit_code, 1) << child.output;
    EXPECT_NE(child.output.find("PostgreSQL is required (CI=true) but unavailable: no executable /nonexistent/pgbin/initdb"),
              std::string::npos)
        << child.output;
    EXPECT_NE(child.output.find("[  FAILED  ] require_postgres_child.body"), std::string::npos) << child.output;
    EXPECT_EQ(child.output.find("body ran"), std::string::npos) << child.output;
}

TEST(require_postgres, skips_outside_ci_when_no_server_can_be_had) {
    scoped_env env({{"RETORT_TEST_PG_URL", std::nullopt}, {"RETORT_PG_BINDIR", "/nonexistent/pgbin"}, {"CI", std::nullopt}});
    auto child = run_self_as("require-postgres");
    EXPECT_EQ(child.exit_code, 0) << child.output;
    EXPECT_NE(child.output.find("PostgreSQL unavailable: no executable /nonexistent/pgbin/initdb"), std::string::npos)
        << child.output;
    EXPECT_NE(child.output.find("[  SKIPPED ] require_postgres_child.body"), std::string::npos) << child.output;
    EXPECT_EQ(child.output.find("body ran"), std::string::npos) << child.output;
}

TEST(require_postgres, runs_the_body_with_the_url_when_a_server_is_there) {
    scoped_env env({{"RETORT_TEST_PG_URL", ""}, {"CI", "true"}});
    auto child = run_self_as("require-postgres");
    EXPECT_EQ(child.exit_code, 0) << child.output;
    EXPECT_NE(child.output.find("body ran with postgresql://postgres@/retort_test_"), std::string::npos) << child.output;
}

}  // namespace
}  // namespace retort::test
