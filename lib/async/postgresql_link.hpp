#pragma once
// Internal: an asynchronous PostgreSQL connection. libpq in non-blocking pipeline mode: each
// execution is sent at once (Parse the first time, then Bind/Execute), however many are
// already in flight; one reader coroutine, running while any are, reads the socket when Asio
// says it is readable and hands each result to its awaiter in the order sent.
// Syncs: a write, or anything inside a transaction, is followed by a Sync of its own, so that
// an error fails that statement alone. Reads outside a transaction sent in one turn of the
// event loop share one Sync, sent (and flushed) when the turn ends: one implicit transaction
// and one write to the socket for all of them. When one of them fails, the server skips those
// behind it until the Sync; they never ran, and are sent again. A read of a group is woken as
// soon as its rows are in, not at the Sync: what fails behind it cannot change them.
// COPY: libpq runs it only outside pipeline mode, so a COPY takes the connection for itself
// (copy_in): statements sent meanwhile are held, in order, and sent when it is over.
// At most max_in_flight_ (engine_options::pipeline_depth) statements wait for their results;
// those sent past them wait, in order, for room (a standalone one cancelled meanwhile is
// never sent).
// Cancels: libpq's reaches whatever the server runs when it arrives, which may be the statement
// behind the one meant. A statement so stopped that was its own transaction is sent again.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include <retort/async/driver_connection.hpp>

#include "completion_signal.hpp"

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
                                     params_text_fn params, bool shares_sync, std::chrono::milliseconds timeout) override;
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
    boost::asio::awaitable<void> copy_in(std::string_view table, std::span<const std::string> columns,
                                         function_ref<bool(std::string&)> next_row, bool as_transaction) override;

private:
    struct request;
    // Sends one statement (prepared under `key` unless uncached, parameters from `s` when given)
    // and a Sync, or joins it to the open group of reads sharing one (`shares_sync`); queues
    // its request. Throws connection_lost when libpq cannot even queue it.
    // `standalone`: awaited and its own transaction, so that a cancel meant for another
    // statement that stops it leaves nothing done, and it is sent again.
    std::shared_ptr<request> send_statement(driver::statement* s, std::size_t key, std::string_view sql,
                                            bool shares_sync = false, bool standalone = false);
    // Sends the request, or queues it in waiting_ while max_in_flight_ are unanswered (or others
    // wait before it).
    void send_or_wait(const std::shared_ptr<request>& r);
    // Sends what waits, in order, while there is room.
    void send_waiting();
    // Whether r may be sent now: room in the pipeline, no cancel under way and, behind a
    // transaction-pooling PgBouncer (prepared statements off), outside begin(), no Sync
    // unanswered that r would not share. PgBouncer hands the server back to its pool at a
    // Sync that leaves it idle: answers to anything sent behind that Sync before it was
    // answered reach a server PgBouncer no longer links to the client, which closes the
    // connection (a race in PgBouncer's transaction mode, pgbouncer/pgbouncer#759).
    bool may_send(const request& r) const noexcept;
    // A standalone request cancelled while it waits to be sent: taken out, never sent (true).
    bool withdraw(const std::shared_ptr<request>& r) noexcept;
    // Wakes the COPY waiting for its turn once nothing sent before it is left.
    void wake_copy_if_idle() noexcept;
    std::size_t unanswered() const noexcept { return in_flight_.size() - receiving_; }
    // Sends the request (a Sync after it, or into the open group); throws as send_statement.
    // `alone`: nothing waits behind it (else it opens a group the others can share).
    void enqueue(const std::shared_ptr<request>& r, bool alone = true);
    // Sends the request's messages; false when libpq refused them.
    bool send_request(request& r);
    // Wakes the requests of the oldest group, whose Sync came, and sends the skipped again.
    void end_group();
    // Ends the open group of reads with its Sync.
    bool close_group();
    // Sends again the reads the server skipped behind a failed one.
    void resend(std::vector<std::shared_ptr<request>> skipped);
    // Closes the open group when this turn of the event loop ends.
    void flush_later();
    // What await() does with the request's answer once it came: hand its rows to `target`
    // (if any), or throw its error with the SQL and parameters.
    struct delivery {
        bool wanted = false;
        detail::postgresql_statement* target = nullptr;
        std::string_view sql;
        params_text_fn params;
        std::chrono::milliseconds timeout{};  // zero: none
    };
    // Waits for the request's result; cancellation of the caller cancels it on the server.
    // (One coroutine for both: a statement's execution allocates one frame here, not two.)
    boost::asio::awaitable<void> await(std::shared_ptr<request> r, delivery then);
    boost::asio::awaitable<void> await(std::shared_ptr<request> r) { return await(std::move(r), delivery{}); }
    boost::asio::awaitable<void> read_loop();
    void start_reading();
    // Takes the results libpq has complete until a request is done (a read of a group has its
    // rows, or a Sync ended a group): true then, and more may be complete.
    bool take_results();
    // take_results() and wake_done() by turns while results are complete: each awaiter runs,
    // and frees what it held, before the results behind it are parsed.
    void deliver_results();
    // Wakes the awaiters of the requests take_results completed (done_), in order.
    void wake_done();
    void fail_all(const std::string& message) noexcept;
    // Cancels what the server runs for the request whose results come next, when its awaiter
    // wants it cancelled (and it is `only`, if given): once for each time it is sent.
    void cancel_head(const request* only = nullptr) noexcept;
    void cancel_running() noexcept;
    // A cancel's round trip is over: what waited for it is sent.
    void cancel_delivered();
    // True when `error`, the request's, is a cancel sent for a statement before it (counted
    // off the cancels that may still land) and the request is to be sent again.
    bool stopped_by_stray_cancel(const request& r, const pg_result* error);
    // The request's results are all in: when every cancel sent so far had reached the server
    // before it was sent, none can land any more.
    void settle_cancels(const request& r) noexcept;
    // Waits until the socket is readable or writable (or a short while: see the definition).
    boost::asio::awaitable<void> wait_readable_or_writable();

    // COPY. The turn: once the COPYs sent before this one are over (`owns` set then), every
    // statement sent before it has its result; cancellation meanwhile throws query_canceled.
    boost::asio::awaitable<void> take_copy_turn(std::string_view sql, bool& owns);
    // Sends the held statements, up to the next COPY, whose turn it becomes.
    void end_copy_turn() noexcept;
    // Out of pipeline mode and back: the COPY framed by BEGIN/COMMIT or a savepoint.
    boost::asio::awaitable<void> copy_outside_pipeline(const std::string& sql, function_ref<bool(std::string&)> next_row,
                                                       bool as_transaction);
    // COPY ... FROM STDIN and its rows; cancellation ends it with PQputCopyEnd's error.
    boost::asio::awaitable<void> copy_data(const std::string& sql, function_ref<bool(std::string&)> next_row);
    // Outside pipeline mode: one statement without parameters, sent and its results read.
    boost::asio::awaitable<void> exec_outside_pipeline(std::string_view sql);
    // Outside pipeline mode: sends what libpq holds, waiting on the socket when it would block.
    boost::asio::awaitable<void> flush_outside_pipeline(std::string_view sql);
    // Outside pipeline mode: the next result (null when the statement's are done).
    boost::asio::awaitable<pg_result*> next_result(std::string_view sql);
    // Outside pipeline mode: reads the statement's results to the end; throws the first error.
    boost::asio::awaitable<void> results_outside_pipeline(std::string_view sql);
    // True once, after the awaiting coroutine was cancelled (its state reset for the next).
    boost::asio::awaitable<bool> cancellation_arrived();
    // libpq failed the connection: every request fails, and the caller with connection_lost.
    [[noreturn]] void lose(std::string_view sql);

    boost::asio::any_io_executor executor_;
    pg_conn* conn_;
    // What the statements made here (to bind parameters and read results) share with their
    // connection; the async executor sends and times them itself.
    detail::postgresql_session session_;
    // libpq's socket, watched (never read) by Asio. A wait for readable is not lost to an edge
    // that came before it: Asio's epoll reactor re-arms the descriptor (EPOLL_CTL_MOD) when a
    // wait begins, and epoll reports it at once if data is already there. One epoll_ctl per
    // wait, where a one-byte peek cost a recv that found nothing and a second one that did.
    boost::asio::generic::stream_protocol::socket socket_;
    bool prepared_statements_;
    // The engine's statement_timeout where the server cannot be told (PgBouncer): each
    // statement without a timeout of its own is cancelled from here past it. Zero: none.
    std::chrono::milliseconds client_timeout_{};
    std::string begin_sql_;
    std::deque<std::shared_ptr<request>> in_flight_;
    std::vector<std::shared_ptr<request>> done_;  // completed by take_results, their awaiters not yet woken
    std::size_t receiving_ = 0;  // in_flight_[receiving_] is the request whose results come next
    bool group_open_ = false;    // the last request sent waits for the Sync its group will share
    bool group_in_transaction_ = false;  // the open group was opened inside begin()
    bool flush_posted_ = false;
    std::vector<unsigned char> prepared_;  // by statement key: Parse sent on this connection
    bool reading_ = false;
    bool broken_ = false;
    std::string lost_message_;
    std::vector<std::jthread> cancels_;  // PQcancel's round trips, off the event loop
    std::uint64_t cancels_sent_ = 0;
    std::size_t cancels_in_progress_ = 0;  // their threads not done: nothing new is sent meanwhile
    // Cancels sent that have not yet been seen to stop a statement (or to land on none).
    std::uint64_t cancels_unlanded_ = 0;
    bool transaction_open_ = false;  // begin() ... commit()/rollback(): a statement is not its own
    bool copying_ = false;                    // a COPY has the connection: statements sent are held
    std::deque<std::shared_ptr<request>> held_;  // in the order sent; a copy_turn is a COPY's
    // Statements sent past max_in_flight_ unanswered ones, in order: sent as results make room.
    // With thousands in flight, each statement's frames and objects had gone cold (out of the
    // caches) by the time its result came: a bound halved the client's CPU time a statement.
    std::size_t max_in_flight_ = 1024;  // engine_options::pipeline_depth
    std::deque<std::shared_ptr<request>> waiting_;
    boost::asio::steady_timer idle_;          // cancelled when in_flight_ empties while copying_
};

}  // namespace retort::async_detail
