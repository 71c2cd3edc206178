// The PostgreSQL driver on its own, against a real server: prepared and unnamed
// statements, text-format results, SQLSTATE mapping, transaction status.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>
#include <retort/core/errors.hpp>

#include "database_url.hpp"
#include "postgresql_connection.hpp"
#include "postgresql_error.hpp"
#include "support/postgres.hpp"

namespace retort::detail {
namespace {

std::unique_ptr<postgresql_connection> open_postgresql(const std::string& url, engine_options options = {}) {
    return std::make_unique<postgresql_connection>(make_postgresql_config(parse_database_url(url), options));
}

std::string scalar_text(driver::connection& db, std::string_view sql) {
    auto s = db.prepare(driver::uncached, sql);
    s->execute();
    EXPECT_TRUE(s->next());
    return std::string(s->get_text(0));
}

TEST(postgresql_driver, prepared_statements_are_named_by_key) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    {
        auto s = db->prepare(42, "SELECT $1::int + 1");
        s->bind_int(0, 41);
        s->execute();
        ASSERT_TRUE(s->next());
        EXPECT_EQ(s->get_int(0), 42);
    }
    EXPECT_EQ(scalar_text(*db, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'r42'"), "1");
    {
        auto again = db->prepare(42, "SELECT $1::int + 1");
        again->bind_int(0, 1);
        again->execute();
        ASSERT_TRUE(again->next());
        EXPECT_EQ(again->get_int(0), 2);
    }
    EXPECT_EQ(scalar_text(*db, "SELECT count(*) FROM pg_prepared_statements"), "1");
}

TEST(postgresql_driver, without_prepared_statements_nothing_is_prepared) {
    RETORT_REQUIRE_POSTGRES(url);
    engine_options options;
    options.prepared_statements = false;
    auto db = open_postgresql(url, options);
    for (int i = 0; i < 3; ++i) {
        auto s = db->prepare(5, "SELECT $1::text || '!'");
        s->bind_text(0, "hi");
        s->execute();
        ASSERT_TRUE(s->next());
        EXPECT_EQ(s->get_text(0), "hi!");
    }
    EXPECT_EQ(scalar_text(*db, "SELECT count(*) FROM pg_prepared_statements"), "0");
}

TEST(postgresql_driver, busy_cached_statement_lends_a_second_one) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    auto first = db->prepare(1, "SELECT generate_series(1, $1::int)");
    first->bind_int(0, 3);
    first->execute();
    ASSERT_TRUE(first->next());
    auto second = db->prepare(1, "SELECT generate_series(1, $1::int)");
    EXPECT_NE(&*first, &*second);
    second->bind_int(0, 2);
    second->execute();
    int rows = 0;
    while (second->next()) ++rows;
    EXPECT_EQ(rows, 2);
    EXPECT_EQ(first->get_int(0), 1);
    ASSERT_TRUE(first->next());
    EXPECT_EQ(first->get_int(0), 2);
}

TEST(postgresql_driver, special_values_travel_as_text) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    auto s = db->prepare(driver::uncached,
                         "SELECT $1::float8, $2::float8, $3::float8, $4::bigint, $5::bytea, $6::bool, $7::text");
    s->bind_double(0, std::numeric_limits<double>::quiet_NaN());
    s->bind_double(1, -std::numeric_limits<double>::infinity());
    s->bind_double(2, 0.1);
    s->bind_int(3, std::numeric_limits<std::int64_t>::min());
    const std::vector<std::byte> bytes{std::byte{0}, std::byte{0xff}, std::byte{'\\'}, std::byte{'x'}};
    s->bind_blob(4, bytes);
    s->bind_bool(5, false);
    s->bind_null(6);
    s->execute();
    ASSERT_TRUE(s->next());
    EXPECT_TRUE(std::isnan(s->get_double(0)));
    EXPECT_EQ(s->get_double(1), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(s->get_double(2), 0.1);
    EXPECT_EQ(s->get_int(3), std::numeric_limits<std::int64_t>::min());
    auto blob = s->get_blob(4);
    EXPECT_EQ(std::vector<std::byte>(blob.begin(), blob.end()), bytes);
    EXPECT_FALSE(s->get_bool(5));
    EXPECT_TRUE(s->is_null(6));
    EXPECT_FALSE(s->next());
}

TEST(postgresql_driver, escape_format_bytea_is_decoded_too) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    db->exec("SET bytea_output = 'escape'");
    auto s = db->prepare(driver::uncached, "SELECT '\\x00ff41'::bytea");
    s->execute();
    ASSERT_TRUE(s->next());
    auto blob = s->get_blob(0);
    ASSERT_EQ(blob.size(), 3u);
    EXPECT_EQ(blob[0], std::byte{0});
    EXPECT_EQ(blob[1], std::byte{0xff});
    EXPECT_EQ(blob[2], std::byte{'A'});
}

// A NUMERIC past 64 bits (a sum() of bigints) read as an integer: out of range, not "not an integer".
TEST(postgresql_driver, a_numeric_past_64_bits_is_out_of_range_for_an_integer) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    auto s = db->prepare(driver::uncached, "SELECT 18446744073709551614::numeric AS total, 2.5::numeric AS half");
    s->execute();
    ASSERT_TRUE(s->next());
    try {
        s->get_int(0);
        FAIL();
    } catch (const data_error& e) {
        EXPECT_NE(std::string(e.what()).find("result column 0 (\"total\") holds '18446744073709551614', which is out of "
                                             "range for a 64-bit integer"),
                  std::string::npos)
            << e.what();
    }
    try {
        s->get_int(1);
        FAIL();
    } catch (const data_error& e) {
        EXPECT_NE(std::string(e.what()).find("holds '2.5', which is not an integer"), std::string::npos) << e.what();
    }
}

TEST(postgresql_driver, reading_a_value_as_the_wrong_kind_is_a_data_error) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    auto s = db->prepare(driver::uncached, "SELECT 'abc'::text AS word");
    s->execute();
    ASSERT_TRUE(s->next());
    try {
        s->get_int(0);
        FAIL();
    } catch (const data_error& e) {
        EXPECT_NE(std::string(e.what()).find("result column 0 (\"word\") holds 'abc', which is not an integer"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(s->get_bool(0), data_error);
    EXPECT_THROW(s->get_double(0), data_error);
}

TEST(postgresql_driver, nul_in_text_is_refused) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    auto s = db->prepare(driver::uncached, "SELECT $1::text");
    EXPECT_THROW(s->bind_text(0, std::string_view("a\0b", 3)), data_error);
}

TEST(postgresql_driver, transaction_status_follows_the_server) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    EXPECT_FALSE(db->in_transaction());
    db->exec("BEGIN");
    EXPECT_TRUE(db->in_transaction());
    EXPECT_FALSE(db->transaction_failed());
    EXPECT_THROW(db->exec("SELECT 1/0"), data_error);
    EXPECT_TRUE(db->transaction_failed());
    db->reset();
    EXPECT_FALSE(db->in_transaction());
    EXPECT_TRUE(db->ping());
}

TEST(postgresql_driver, last_insert_id_is_not_supported) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    EXPECT_THROW(db->last_insert_id(), not_supported_error);
    auto insert = db->prepare(driver::uncached, "SELECT 1");
    EXPECT_THROW(insert.execute_insert(), not_supported_error);
}

TEST(postgresql_driver, rows_affected) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    db->exec("DROP TABLE IF EXISTS driver_rows; CREATE TABLE driver_rows (x int)");
    auto insert = db->prepare(driver::uncached, "INSERT INTO driver_rows SELECT generate_series(1, 5)");
    insert->execute();
    EXPECT_EQ(insert->rows_affected(), 5);
    auto update = db->prepare(driver::uncached, "UPDATE driver_rows SET x = 0 WHERE x > $1");
    update->bind_int(0, 3);
    update->execute();
    EXPECT_EQ(update->rows_affected(), 2);
}

TEST(postgresql_driver, cannot_connect) {
    RETORT_REQUIRE_POSTGRES(url);
    try {
        open_postgresql(url + (url.find('?') == std::string::npos ? "?" : "&") + "dbname=no_such_database_here");
        FAIL() << "connected to a missing database";
    } catch (const cannot_connect& e) {
        EXPECT_NE(std::string(e.what()).find("no_such_database_here"), std::string::npos) << e.what();
    }
    EXPECT_THROW(open_postgresql("postgresql://nobody@/x?host=/nonexistent/socket/dir"), cannot_connect);
}

TEST(postgresql_driver, closed_connection_says_so) {
    RETORT_REQUIRE_POSTGRES(url);
    auto db = open_postgresql(url);
    db->close();
    EXPECT_TRUE(db->closed());
    EXPECT_FALSE(db->ping());
    EXPECT_FALSE(db->in_transaction());
    EXPECT_THROW(db->exec("SELECT 1"), resource_closed_error);
}

TEST(postgresql_error_mapping, by_sqlstate) {
    auto kind = [](const char* state, bool connecting = false) -> std::string {
        try {
            throw_postgresql_error("message", "SELECT 1", state, connecting);
        } catch (const unique_violation&) {
            return "unique_violation";
        } catch (const foreign_key_violation&) {
            return "foreign_key_violation";
        } catch (const not_null_violation&) {
            return "not_null_violation";
        } catch (const check_violation&) {
            return "check_violation";
        } catch (const integrity_error&) {
            return "integrity_error";
        } catch (const serialization_failure&) {
            return "serialization_failure";
        } catch (const deadlock_detected&) {
            return "deadlock_detected";
        } catch (const connection_lost&) {
            return "connection_lost";
        } catch (const cannot_connect&) {
            return "cannot_connect";
        } catch (const query_canceled&) {
            return "query_canceled";
        } catch (const operational_error&) {
            return "operational_error";
        } catch (const data_error&) {
            return "data_error";
        } catch (const programming_error&) {
            return "programming_error";
        } catch (const internal_error&) {
            return "internal_error";
        } catch (const database_error&) {
            return "database_error";
        }
    };
    EXPECT_EQ(kind("23505"), "unique_violation");
    EXPECT_EQ(kind("23503"), "foreign_key_violation");
    EXPECT_EQ(kind("23502"), "not_null_violation");
    EXPECT_EQ(kind("23514"), "check_violation");
    EXPECT_EQ(kind("23P01"), "integrity_error");
    EXPECT_EQ(kind("40001"), "serialization_failure");
    EXPECT_EQ(kind("40P01"), "deadlock_detected");
    EXPECT_EQ(kind("08006"), "connection_lost");
    EXPECT_EQ(kind("57P01"), "connection_lost");
    EXPECT_EQ(kind("57P01", true), "cannot_connect");
    EXPECT_EQ(kind("28P01", true), "cannot_connect");
    EXPECT_EQ(kind("57014"), "query_canceled");
    EXPECT_EQ(kind("53300"), "operational_error");
    EXPECT_EQ(kind("22012"), "data_error");
    EXPECT_EQ(kind("42601"), "programming_error");
    EXPECT_EQ(kind("0A000"), "programming_error");
    EXPECT_EQ(kind("XX000"), "internal_error");
    EXPECT_EQ(kind("P0001"), "database_error");
}

}  // namespace
}  // namespace retort::detail
