#include "child_role.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/postgres.hpp"

namespace retort::test {

namespace {

class require_postgres_body : public testing::Test {
public:
    void TestBody() override {
        RETORT_REQUIRE_POSTGRES(url);
        std::cout << "body ran with " << url << std::endl;
    }
};

}  // namespace

std::optional<int> play_child_role(int argc, char** argv) {
    if (argc < 2 || std::strncmp(argv[1], "--child=", 8) != 0) return std::nullopt;
    std::string_view role = argv[1] + 8;
    if (role == "print-postgres-url") {
        auto url = postgres_url();
        if (url) std::cout << "url " << *url << std::endl;
        else std::cout << "unavailable " << postgres_unavailable_reason() << std::endl;
        return 0;
    }
    if (role == "start-server-and-abort") {
        postgres_server server;
        std::cout << "dir " << server.socket_dir() << std::endl;
        std::abort();
    }
    if (role == "require-postgres") {
        int gtest_argc = 1;
        testing::InitGoogleTest(&gtest_argc, argv);
        testing::RegisterTest("require_postgres_child", "body", nullptr, nullptr, __FILE__, __LINE__,
                              []() -> testing::Test* { return new require_postgres_body; });
        GTEST_FLAG_SET(filter, "require_postgres_child.*");
        GTEST_FLAG_SET(output, "");  // no XML report: the parent's test run would count this test
        return RUN_ALL_TESTS();
    }
    std::cerr << "unknown role " << role << '\n';
    return 2;
}

scoped_env::scoped_env(std::initializer_list<std::pair<std::string, std::optional<std::string>>> values) {
    for (const auto& [name, value] : values) {
        const char* old = std::getenv(name.c_str());
        saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
        if (value) setenv(name.c_str(), value->c_str(), 1);
        else unsetenv(name.c_str());
    }
}

scoped_env::~scoped_env() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
        if (it->second) setenv(it->first.c_str(), it->second->c_str(), 1);
        else unsetenv(it->first.c_str());
    }
}

detail::child_result run_self_as(std::string_view role) {
    auto self = std::filesystem::read_symlink("/proc/self/exe").string();
    return detail::run_child({self, "--child=" + std::string(role)}, std::filesystem::current_path().string(),
                             std::nullopt, std::chrono::seconds(240));
}

std::string line_value(const std::string& output, std::string_view key) {
    std::istringstream lines(output);
    std::string prefix = std::string(key) + " ";
    for (std::string line; std::getline(lines, line);)
        if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    return {};
}

}  // namespace retort::test
