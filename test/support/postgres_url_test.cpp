#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "child_role.hpp"
#include "support/libpq_session.hpp"
#include "support/postgres.hpp"

namespace retort::test {
namespace {

std::string shared_server_url() {
    const char* value = std::getenv("RETORT_TEST_PG_URL");
    return value ? value : "";
}

std::string host_of(const std::string& url) { return url.substr(url.find("?host=") + 6); }

TEST(postgres_url, gives_this_process_a_database_of_its_own) {
    RETORT_REQUIRE_POSTGRES(url);
    libpq_session session(url);
    EXPECT_EQ(session.exec("SELECT current_database()"), "retort_test_" + std::to_string(getpid()));
    session.exec("CREATE TABLE scratch (id integer PRIMARY KEY)");
    session.exec("INSERT INTO scratch VALUES (1)");
    EXPECT_EQ(session.exec("SELECT count(*) FROM scratch"), "1");
    EXPECT_EQ(postgres_url(), url);  // the same database for the whole process
    EXPECT_EQ(postgres_unavailable_reason(), "");
}

TEST(postgres_url, uses_the_shared_server_when_there_is_one) {
    RETORT_REQUIRE_POSTGRES(url);
    libpq_session ours(url);
    if (!shared_server_url().empty()) {
        libpq_session shared(shared_server_url());
        EXPECT_EQ(ours.exec("SHOW data_directory"), shared.exec("SHOW data_directory"));
    } else {
        EXPECT_NE(host_of(url).find("/retort-pg."), std::string::npos) << url;
    }
}

TEST(postgres_url, database_is_dropped_when_the_process_exits) {
    RETORT_REQUIRE_POSTGRES(url);
    auto child = run_self_as("print-postgres-url");
    ASSERT_TRUE(child.ok()) << child.describe("child");
    auto child_url = line_value(child.output, "url");
    ASSERT_FALSE(child_url.empty()) << child.output;
    EXPECT_NE(child_url, url);
    if (!shared_server_url().empty()) {
        libpq_session shared(shared_server_url());
        auto name = child_url.substr(child_url.rfind('/') + 1);
        name = name.substr(0, name.find('?'));
        EXPECT_EQ(shared.exec("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"), "0") << name;
    } else {
        EXPECT_FALSE(std::filesystem::exists(host_of(child_url))) << "private server left behind: " << child_url;
    }
}

TEST(postgres_url, starts_a_private_server_without_a_shared_one) {
    scoped_env env({{"RETORT_TEST_PG_URL", ""}});
    auto child = run_self_as("print-postgres-url");
    ASSERT_TRUE(child.ok()) << child.describe("child");
    auto child_url = line_value(child.output, "url");
    ASSERT_FALSE(child_url.empty()) << child.output;
    EXPECT_NE(host_of(child_url).find("/retort-pg."), std::string::npos) << child_url;
    EXPECT_FALSE(std::filesystem::exists(host_of(child_url))) << "private server left behind: " << child_url;
}

TEST(postgres_url, says_why_when_there_are_no_server_programs) {
    scoped_env env({{"RETORT_TEST_PG_URL", std::nullopt}, {"RETORT_PG_BINDIR", "/nonexistent/pgbin"}});
    auto child = run_self_as("print-postgres-url");
    ASSERT_TRUE(child.ok()) << child.describe("child");
    EXPECT_EQ(line_value(child.output, "unavailable"),
              "no executable /nonexistent/pgbin/initdb (RETORT_PG_BINDIR is set)");
}

TEST(postgres_url, says_why_when_the_shared_server_is_unreachable) {
    std::string bad = "postgresql://postgres@/postgres?host=/nonexistent/socketdir";
    scoped_env env({{"RETORT_TEST_PG_URL", bad}});
    auto child = run_self_as("print-postgres-url");
    ASSERT_TRUE(child.ok()) << child.describe("child");
    auto reason = line_value(child.output, "unavailable");
    EXPECT_EQ(reason.rfind("RETORT_TEST_PG_URL=" + bad + ": cannot connect to " + bad, 0), 0u) << child.output;
}

TEST(postgres_server, watchdog_cleans_up_after_a_crashed_test_process) {
    auto child = run_self_as("start-server-and-abort");
    EXPECT_EQ(child.exit_code, 128 + SIGABRT) << child.output;
    auto dir = line_value(child.output, "dir");
    ASSERT_FALSE(dir.empty()) << child.output;
    // The watchdog notices the socket close at once; stopping the server takes a moment.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::filesystem::exists(dir) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_FALSE(std::filesystem::exists(dir)) << "server directory left behind: " << dir;
}

}  // namespace
}  // namespace retort::test
