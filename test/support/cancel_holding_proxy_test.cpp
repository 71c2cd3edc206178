// The relay that holds back cancel requests, on the shared server: it relays a session, and
// a cancel sent through it lands only once released.
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include <libpq-fe.h>

#include <gtest/gtest.h>

#include "support/cancel_holding_proxy.hpp"
#include "support/libpq_session.hpp"
#include "support/postgres.hpp"

namespace retort::test {
namespace {

TEST(cancel_holding_proxy, relays_a_session_to_the_server) {
    RETORT_REQUIRE_POSTGRES(url);
    cancel_holding_proxy proxy(url);
    EXPECT_NE(proxy.url(), url);
    libpq_session session(proxy.url());
    EXPECT_EQ(session.exec("SELECT 'through ' || 'the relay'"), "through the relay");
    // More than a socket buffer each way.
    EXPECT_EQ(session.exec("SELECT length($$" + std::string(1000000, 'y') + "$$)"), "1000000");
    EXPECT_EQ(session.exec("SELECT repeat('x', 1000000)"), std::string(1000000, 'x'));
    EXPECT_EQ(proxy.held(), 0u);
}

TEST(cancel_holding_proxy, holds_a_cancel_until_released) {
    RETORT_REQUIRE_POSTGRES(url);
    cancel_holding_proxy proxy(url);
    libpq_session session(proxy.url());
    PGconn* conn = session.native();
    ASSERT_EQ(PQsendQuery(conn, "SELECT pg_sleep(60) /* held_cancel */"), 1);
    // Cancelled once the server runs it (observed, not guessed): a cancel that came before the
    // statement (still in the relay) would find the backend idle, and stop nothing.
    libpq_session observer(url);
    const std::string running =
        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%held_cancel */'";
    for (int i = 0; i < 20000 && observer.exec(running) != "1"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_EQ(observer.exec(running), "1");
    std::atomic<bool> cancel_returned = false;
    std::thread canceller([&] {
        PGcancel* cancel = PQgetCancel(conn);
        char error[256];
        PQcancel(cancel, error, sizeof error);
        PQfreeCancel(cancel);
        cancel_returned = true;
    });
    ASSERT_TRUE(proxy.wait_until_held(1));
    // Held: PQcancel is still waiting for the server, and the statement still runs.
    EXPECT_FALSE(cancel_returned);
    ASSERT_EQ(PQconsumeInput(conn), 1);
    EXPECT_EQ(PQisBusy(conn), 1);
    proxy.release();
    canceller.join();
    PGresult* result = PQgetResult(conn);  // blocks until the cancel has stopped it
    ASSERT_NE(result, nullptr);
    EXPECT_EQ(PQresultStatus(result), PGRES_FATAL_ERROR);
    EXPECT_NE(std::string(PQresultErrorMessage(result)).find("canceling statement due to user request"),
              std::string::npos);
    PQclear(result);
    while ((result = PQgetResult(conn)) != nullptr) PQclear(result);
    EXPECT_EQ(session.exec("SELECT 1"), "1");
}

TEST(cancel_holding_proxy, rejects_a_server_not_on_a_unix_socket) {
    EXPECT_THROW(cancel_holding_proxy("postgresql://postgres@localhost/postgres"), std::runtime_error);
}

}  // namespace
}  // namespace retort::test
