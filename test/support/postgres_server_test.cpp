#include <filesystem>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/libpq_session.hpp"
#include "support/postgres.hpp"
#include "support/server_user.hpp"

namespace retort::test {
namespace {

TEST(postgres_server, accepts_connections_on_its_own_socket_only) {
    postgres_server server;
    EXPECT_TRUE(server.running());
    libpq_session session(server.url());
    EXPECT_EQ(session.exec("SELECT 1"), "1");
    EXPECT_EQ(session.exec("SHOW listen_addresses"), "");
    EXPECT_EQ(session.exec("SHOW unix_socket_directories"), server.socket_dir());
    EXPECT_EQ(session.exec("SHOW max_connections"), "300");
    EXPECT_EQ(session.exec("SHOW fsync"), "off");
    EXPECT_EQ(session.exec("SHOW server_encoding"), "UTF8");
    EXPECT_EQ(session.exec("SELECT current_user"), "postgres");
    EXPECT_EQ(session.exec("SELECT split_part(current_setting('server_version'), '.', 1)"), "15");
}

TEST(postgres_server, url_names_the_database) {
    postgres_server server;
    EXPECT_EQ(server.url(), "postgresql://postgres@/postgres?host=" + server.socket_dir());
    libpq_session session(server.url("template1"));
    EXPECT_EQ(session.exec("SELECT current_database()"), "template1");
}

TEST(postgres_server, stop_refuses_connections_and_start_keeps_the_data) {
    postgres_server server;
    {
        libpq_session session(server.url());
        session.exec("CREATE TABLE kept (v integer)");
        session.exec("INSERT INTO kept VALUES (42)");
    }
    server.stop();
    EXPECT_FALSE(server.running());
    EXPECT_THROW(libpq_session(server.url(), 2), std::runtime_error);
    server.stop();  // stopping a stopped server is harmless

    server.start();
    EXPECT_TRUE(server.running());
    libpq_session session(server.url());
    EXPECT_EQ(session.exec("SELECT v FROM kept"), "42");
}

TEST(postgres_server, restart_breaks_open_connections) {
    postgres_server server;
    libpq_session before(server.url());
    ASSERT_EQ(before.exec("SELECT 1"), "1");
    server.restart();
    EXPECT_TRUE(server.running());
    EXPECT_THROW(before.exec("SELECT 1"), std::runtime_error);
    libpq_session after(server.url());
    EXPECT_EQ(after.exec("SELECT 1"), "1");
}

TEST(postgres_server, destructor_stops_the_server_and_removes_its_directory) {
    std::string dir;
    std::string url;
    {
        postgres_server server;
        dir = server.socket_dir();
        url = server.url();
        EXPECT_TRUE(std::filesystem::exists(dir + "/data/postmaster.pid"));
    }
    EXPECT_FALSE(std::filesystem::exists(dir));
    EXPECT_THROW(libpq_session(url, 2), std::runtime_error);
}

TEST(postgres_server, servers_side_by_side_are_independent) {
    postgres_server first;
    postgres_server second;
    EXPECT_NE(first.socket_dir(), second.socket_dir());
    libpq_session a(first.url());
    libpq_session b(second.url());
    a.exec("CREATE TABLE only_in_first (v integer)");
    EXPECT_EQ(a.exec("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"), "1");
    EXPECT_EQ(b.exec("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"), "0");
}

TEST(postgres_server, data_belongs_to_the_account_the_server_runs_as) {
    postgres_server server;
    struct stat info {};
    ASSERT_EQ(stat((server.socket_dir() + "/data").c_str(), &info), 0);
    auto user = detail::server_user_for_this_process();
    // As root the server must run as `postgres`; otherwise as ourselves.
    EXPECT_EQ(info.st_uid, user ? user->uid : geteuid());
}

}  // namespace
}  // namespace retort::test
