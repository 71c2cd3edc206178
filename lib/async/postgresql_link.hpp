#pragma once
// Internal: an asynchronous PostgreSQL connection. libpq in non-blocking pipeline mode: each
// execution is sent at once (Parse the first time, then Bind/Execute, then a Sync of its own,
// so that an error fails that statement alone), however many are already in flight; one
// reader coroutine, running while any are, reads the socket when Asio says it is readable and
// hands each result to its awaiter in the order sent.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include <retort/async/driver_connection.hpp>

#include "../postgresql_statement.hpp"

struct pg_conn;
struct pg_result;

namespace retort::detail {
struct postgresql_config;
}

namespace retort::async_detail {

class postgresql_link final : public driver_connection, public std::enable_shared_from_this<postgresql_link> {
public:
    // Connects with PQconnectStart/PQconnectPoll, waiting on the socket; cannot_connect when
    // it fails or takes longer than connect_timeout_seconds (0: no limit).
    static boost::asio::awaitable<std::shared_ptr<postgresql_link>> connect(boost::asio::any_io_executor executor,
                                                                           const detail::postgresql_config& config,
                                                                           double connect_timeout_seconds,
                                                                           std::string begin_sql);
    postgresql_link(boost::asio::any_io_executor executor, pg_conn* conn, bool prepared_statements,
                    std::string begin_sql);
    ~postgresql_link() override;

    dialect_kind dialect() const noexcept override { return dialect_kind::postgresql; }
    driver::statement_handle statement(std::string_view sql) override;
    boost::asio::awaitable<void> run(driver::statement& s, std::size_t key, std::string_view sql,
                                     params_text_fn params) override;
    boost::asio::awaitable<void> begin() override;
    boost::asio::awaitable<void> commit() override;
    boost::asio::awaitable<void> rollback() override;
    boost::asio::awaitable<void> exec(std::string_view sql, bool in_transaction) override;
    boost::asio::awaitable<bool> ping() override;
    bool broken() const noexcept override { return broken_; }
    boost::asio::awaitable<void> run_pipelined(std::span<const pipelined_statement> statements, bool as_transaction,
                                               function_ref<void(std::size_t)> received,
                                               function_ref<std::vector<std::string>(std::size_t)> params_of) override;
    void send_detached(std::string_view sql) override;

private:
    struct request;
    // Sends one statement (prepared under `key` unless uncached, parameters from `s` when given)
    // and a Sync; queues its request. Throws connection_lost when libpq cannot even queue it.
    std::shared_ptr<request> send_statement(driver::statement* s, std::size_t key, std::string_view sql);
    // Waits for the request's result; cancellation of the caller cancels it on the server.
    boost::asio::awaitable<void> await(const std::shared_ptr<request>& r);
    boost::asio::awaitable<void> read_loop();
    void start_reading();
    // Takes every result libpq has complete; false when the connection broke.
    void take_results();
    void fail_all(const std::string& message) noexcept;
    void cancel_running() noexcept;

    boost::asio::any_io_executor executor_;
    pg_conn* conn_;
    // What the statements made here (to bind parameters and read results) share with their
    // connection; the async executor sends and times them itself.
    detail::postgresql_session session_;
    // libpq's socket, watched (never read) by Asio. Readable is awaited as a peek of one byte:
    // Asio's epoll reactor is edge-triggered, and a plain wait would miss data that arrived
    // before it began (libpq leaves some unread), where a peek tries the socket first.
    boost::asio::generic::stream_protocol::socket socket_;
    unsigned char peeked_ = 0;
    bool prepared_statements_;
    std::string begin_sql_;
    std::deque<std::shared_ptr<request>> in_flight_;
    std::vector<unsigned char> prepared_;  // by statement key: Parse sent on this connection
    bool reading_ = false;
    bool broken_ = false;
    std::string lost_message_;
};

}  // namespace retort::async_detail
