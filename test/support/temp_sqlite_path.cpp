#include <atomic>
#include <filesystem>
#include <string>

#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace retort::test {

namespace {

// One directory per test process holding a numbered subdirectory per call; removed at exit.
class sqlite_temp_root {
public:
    sqlite_temp_root() : path_(detail::make_temp_dir("retort-sqlite")) {}
    ~sqlite_temp_root() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    sqlite_temp_root(const sqlite_temp_root&) = delete;
    sqlite_temp_root& operator=(const sqlite_temp_root&) = delete;

    std::filesystem::path fresh_dir() {
        auto dir = path_ / std::to_string(next_.fetch_add(1));
        std::filesystem::create_directory(dir);
        return dir;
    }

private:
    std::filesystem::path path_;
    std::atomic<unsigned> next_{0};
};

}  // namespace

std::string temp_sqlite_path(std::string_view name) {
    static sqlite_temp_root root;
    return (root.fresh_dir() / std::string(name)).string();
}

}  // namespace retort::test
