// URL parsing: what create_engine accepts, what it refuses and how it says so.
#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "postgresql_connection.hpp"
#include "database_url.hpp"

namespace retort::detail {
namespace {

std::string url_error_text(std::string_view url) {
    try {
        parse_database_url(url);
    } catch (const url_error& e) {
        return e.what();
    }
    return "no error";
}

TEST(database_url, sqlite_relative_absolute_and_memory) {
    auto relative = parse_database_url("sqlite:///relative.db");
    EXPECT_EQ(relative.dialect, dialect_kind::sqlite);
    EXPECT_EQ(relative.database, "relative.db");
    EXPECT_FALSE(relative.memory());

    auto absolute = parse_database_url("sqlite:////abs/path.db");
    EXPECT_EQ(absolute.database, "/abs/path.db");

    EXPECT_TRUE(parse_database_url("sqlite://").memory());
    EXPECT_TRUE(parse_database_url("sqlite:///:memory:").memory());
    EXPECT_EQ(parse_database_url("sqlite:///my%20file.db").database, "my file.db");
}

TEST(database_url, sqlite_query_options) {
    auto url = parse_database_url("sqlite:///file.db?mode=ro&timeout=2.5");
    ASSERT_EQ(url.query.size(), 2u);
    EXPECT_EQ(*url.option("mode"), "ro");
    EXPECT_EQ(*url.option("timeout"), "2.5");
    EXPECT_EQ(url.option("cache"), nullptr);
}

TEST(database_url, sqlite_with_host_is_refused) {
    EXPECT_NE(url_error_text("sqlite://file.db").find("SQLite URLs have no host ('file.db')"), std::string::npos);
}

TEST(database_url, postgresql_full) {
    auto url = parse_database_url("postgresql://scott:tiger@db.example.com:5433/sales?connect_timeout=3&application_name=app");
    EXPECT_EQ(url.dialect, dialect_kind::postgresql);
    EXPECT_EQ(url.username, "scott");
    EXPECT_EQ(url.password, "tiger");
    EXPECT_EQ(url.host, "db.example.com");
    ASSERT_TRUE(url.port);
    EXPECT_EQ(*url.port, 5433);
    EXPECT_EQ(url.database, "sales");
    EXPECT_EQ(*url.option("connect_timeout"), "3");
    EXPECT_EQ(*url.option("application_name"), "app");
    EXPECT_EQ(url.masked, "postgresql://scott:***@db.example.com:5433/sales?connect_timeout=3&application_name=app");
}

TEST(database_url, postgresql_schemes) {
    EXPECT_EQ(parse_database_url("postgres://h/d").dialect, dialect_kind::postgresql);
    EXPECT_EQ(parse_database_url("postgresql+libpqxx://h/d").dialect, dialect_kind::postgresql);
    EXPECT_EQ(parse_database_url("PostgreSQL://h/d").dialect, dialect_kind::postgresql);
}

TEST(database_url, postgresql_percent_decoding) {
    auto url = parse_database_url("postgresql://us%40er:p%40ss%3Aw%2Ford@localhost/my%20db");
    EXPECT_EQ(url.username, "us@er");
    EXPECT_EQ(url.password, "p@ss:w/ord");
    EXPECT_EQ(url.database, "my db");
    EXPECT_EQ(url.masked, "postgresql://us%40er:***@localhost/my%20db");
}

TEST(database_url, postgresql_socket_and_defaults) {
    auto url = parse_database_url("postgresql://postgres@/retort?host=/tmp/pg%20sock");
    EXPECT_EQ(url.username, "postgres");
    EXPECT_EQ(url.password, "");
    EXPECT_EQ(url.host, "");
    EXPECT_EQ(url.database, "retort");
    EXPECT_EQ(*url.option("host"), "/tmp/pg sock");
    EXPECT_EQ(url.masked, "postgresql://postgres@/retort?host=/tmp/pg%20sock");

    auto bare = parse_database_url("postgresql://");
    EXPECT_EQ(bare.host, "");
    EXPECT_EQ(bare.database, "");
    EXPECT_FALSE(bare.port);
}

TEST(database_url, postgresql_ipv6_host) {
    auto url = parse_database_url("postgresql://u@[::1]:5432/d");
    EXPECT_EQ(url.host, "::1");
    EXPECT_EQ(*url.port, 5432);
}

TEST(database_url, query_plus_is_a_space) {
    auto url = parse_database_url("postgresql://h/d?options=-c+statement_timeout%3D5000");
    EXPECT_EQ(*url.option("options"), "-c statement_timeout=5000");
}

TEST(database_url, errors_name_the_problem) {
    EXPECT_EQ(url_error_text("mysql://u:secret@h/d"),
              "unknown database scheme 'mysql' (known: sqlite, postgresql, postgres, postgresql+libpqxx) in URL "
              "'mysql://u:***@h/d'");
    EXPECT_EQ(url_error_text("postgresql://h:abc/d"), "port 'abc' is not a number in URL 'postgresql://h:abc/d'");
    EXPECT_EQ(url_error_text("postgresql://h:99999/d"),
              "port 99999 is out of range (1-65535) in URL 'postgresql://h:99999/d'");
    EXPECT_EQ(url_error_text("postgresql://h:/d"), "port is empty in URL 'postgresql://h:/d'");
    EXPECT_NE(url_error_text("example.db").find("has no scheme"), std::string::npos);
    EXPECT_NE(url_error_text("postgresql://u:p%zz@h/d").find("malformed percent escape '%zz' in the password"),
              std::string::npos);
    EXPECT_NE(url_error_text("postgresql://[::1/d").find("lacks its closing ']'"), std::string::npos);
    EXPECT_NE(url_error_text("postgresql://h/d?novalue").find("query option 'novalue' has no value"),
              std::string::npos);
}

TEST(database_url, errors_never_show_the_password) {
    for (std::string_view bad : {"mysql://u:hunter2@h/d", "postgresql://u:hunter2@h:x/d", "postgresql://u:hunter2@h/d?bad"}) {
        const std::string text = url_error_text(bad);
        EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
        EXPECT_NE(text.find("***"), std::string::npos) << text;
    }
}

TEST(database_url, driver_options_are_checked_when_the_engine_is_made) {
    EXPECT_THROW(create_engine("sqlite:///x.db?mode=bogus"), url_error);
    EXPECT_THROW(create_engine("sqlite:///x.db?timeout=soon"), url_error);
    try {
        create_engine("sqlite:///x.db?journal=wal");
        FAIL() << "unknown SQLite option accepted";
    } catch (const url_error& e) {
        EXPECT_NE(std::string(e.what()).find("unknown SQLite option 'journal' (known: mode, timeout, journal_mode)"),
                  std::string::npos);
    }
    try {
        create_engine("sqlite:///x.db?journal_mode=fast");
        FAIL() << "unknown journal mode accepted";
    } catch (const url_error& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "SQLite option journal_mode='fast' is not one of wal, delete, truncate, persist, memory, off"),
                  std::string::npos);
    }
    try {
        create_engine("postgresql://u:secret@h/d?colour=blue");
        FAIL() << "unknown libpq option accepted";
    } catch (const url_error& e) {
        EXPECT_EQ(std::string(e.what()), "unknown PostgreSQL connection option 'colour' in URL 'postgresql://u:***@h/d?colour=blue'");
    }
}

TEST(database_url, engine_url_masks_the_password) {
    // Connecting is lazy: no server is needed to build the engine.
    auto engine = create_engine("postgresql://scott:tiger@localhost:5432/test");
    EXPECT_EQ(engine.url(), "postgresql://scott:***@localhost:5432/test");
    EXPECT_EQ(engine.dialect(), dialect_kind::postgresql);
    EXPECT_EQ(create_engine("sqlite://").url(), "sqlite://");
}

TEST(database_url, postgresql_conninfo) {
    engine_options options;
    options.connect_timeout = 2.5;
    auto config = make_postgresql_config(parse_database_url("postgresql://o'neil:p\\w@h:6000/db?sslmode=disable"), options);
    EXPECT_EQ(config.conninfo,
              "host='h' port='6000' dbname='db' user='o\\'neil' password='p\\\\w' sslmode='disable' "
              "connect_timeout='3' client_encoding='UTF8'");
    auto socket = make_postgresql_config(parse_database_url("postgresql://u@ignored/db?host=/run/pg&connect_timeout=7"), options);
    EXPECT_EQ(socket.conninfo, "dbname='db' user='u' host='/run/pg' connect_timeout='7' client_encoding='UTF8'");
}

}  // namespace
}  // namespace retort::detail
