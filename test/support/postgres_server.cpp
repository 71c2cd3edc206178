#include <chrono>
#include <fstream>
#include <filesystem>
#include <vector>
#include <stdexcept>
#include <unistd.h>

#include "support/child_process.hpp"
#include "support/postgres.hpp"
#include "support/postgres_binaries.hpp"
#include "support/server_user.hpp"
#include "support/server_watchdog.hpp"
#include "support/temp_dir.hpp"
#include "support/url_text.hpp"

namespace retort::test {

namespace {

using namespace std::chrono_literals;

// pg_ctl waits up to 60 s itself; the extra time covers pg_ctl's own start-up.
constexpr auto pg_ctl_timeout = 90s;
constexpr auto initdb_timeout = 180s;

std::string quoted_setting(const std::string& value) {
    std::string out = "'";
    for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string last_lines(const std::string& path, std::size_t count) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::string out;
    for (std::size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) out += lines[i] + "\n";
    return out;
}

}  // namespace

postgres_server::postgres_server() : bin_dir_(detail::postgres_bin_dir()) {
    auto user = detail::server_user_for_this_process();
    root_dir_ = detail::make_temp_dir("retort-pg");
    try {
        if (user && chown(root_dir_.c_str(), user->uid, user->gid) != 0)
            throw std::runtime_error("cannot hand " + root_dir_ + " to the postgres account");
        watchdog_ = std::make_unique<detail::server_watchdog>(bin_dir_, root_dir_, user);
        auto initdb = detail::run_child({bin_dir_ + "/initdb", "-D", root_dir_ + "/data", "-U", "postgres", "-A", "trust",
                                         "--no-sync", "-E", "UTF8", "--locale=C"},
                                        root_dir_, user, initdb_timeout);
        if (!initdb.ok()) throw std::runtime_error(initdb.describe("initdb in " + root_dir_));

        // Unix socket only, in our own directory: no port clashes with other servers or tests.
        // Durability is worth nothing in a throwaway cluster, so it is switched off for speed.
        std::ofstream conf(root_dir_ + "/data/postgresql.conf", std::ios::app);
        conf << "\n# retort test server\n"
             << "listen_addresses = ''\n"
             << "unix_socket_directories = " << quoted_setting(root_dir_) << "\n"
             << "port = 5432\n"
             << "max_connections = 300\n"
             << "shared_buffers = 32MB\n"
             << "fsync = off\n"
             << "synchronous_commit = off\n"
             << "full_page_writes = off\n";
        conf.close();
        if (!conf) throw std::runtime_error("cannot write " + root_dir_ + "/data/postgresql.conf");
        start();
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(root_dir_, ignored);
        watchdog_.reset();
        throw;
    }
}

postgres_server::~postgres_server() {
    try {
        stop();
    } catch (const std::exception&) {
        // Still running: leave the directory to the watchdog rather than pull it from under the server.
        if (running_) return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(root_dir_, ignored);
    watchdog_.reset();
}

std::string postgres_server::url(std::string_view database) const {
    return "postgresql://postgres@/" + detail::percent_encode(database) + "?host=" +
           detail::percent_encode(root_dir_, "/");
}

void postgres_server::start() {
    if (running_) return;
    auto log = root_dir_ + "/server.log";
    auto result = detail::run_child({bin_dir_ + "/pg_ctl", "-D", root_dir_ + "/data", "-l", log, "-w", "-t", "60", "start"},
                                    root_dir_, detail::server_user_for_this_process(), pg_ctl_timeout);
    if (!result.ok()) {
        // A server slow to come up may still be starting: make sure it does not linger.
        try {
            pg_ctl_stop("immediate");
        } catch (const std::exception&) {
        }
        throw std::runtime_error(result.describe("pg_ctl start in " + root_dir_) + "\nserver.log:\n" + last_lines(log, 30));
    }
    running_ = true;
}

void postgres_server::stop() {
    if (!running_) return;
    try {
        pg_ctl_stop("fast");
    } catch (const std::exception&) {
        pg_ctl_stop("immediate");
    }
    running_ = false;
}

void postgres_server::restart() {
    stop();
    start();
}

void postgres_server::pg_ctl_stop(std::string_view mode) {
    auto result = detail::run_child({bin_dir_ + "/pg_ctl", "-D", root_dir_ + "/data", "-m", std::string(mode), "-w", "-t", "60", "stop"},
                                    root_dir_, detail::server_user_for_this_process(), pg_ctl_timeout);
    if (!result.ok()) throw std::runtime_error(result.describe("pg_ctl stop -m " + std::string(mode) + " in " + root_dir_));
}

}  // namespace retort::test
