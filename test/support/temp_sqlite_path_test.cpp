#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/postgres.hpp"

namespace retort::test {
namespace {

namespace fs = std::filesystem;

TEST(temp_sqlite_path, names_a_file_yet_to_be_made_in_an_empty_directory) {
    fs::path path = temp_sqlite_path();
    EXPECT_EQ(path.filename(), "test.db");
    EXPECT_FALSE(fs::exists(path));
    ASSERT_TRUE(fs::is_directory(path.parent_path()));
    EXPECT_TRUE(fs::is_empty(path.parent_path()));
    std::ofstream(path) << "written";
    EXPECT_TRUE(fs::exists(path));
}

TEST(temp_sqlite_path, every_call_gets_a_fresh_directory) {
    fs::path first = temp_sqlite_path("same.db");
    fs::path second = temp_sqlite_path("same.db");
    EXPECT_NE(first, second);
    EXPECT_NE(first.parent_path(), second.parent_path());
    EXPECT_EQ(first.filename(), "same.db");
}

}  // namespace
}  // namespace retort::test
