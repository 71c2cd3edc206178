#include "postgresql_link.hpp"

#include <chrono>
#include <exception>
#include <memory>
#include <utility>

#include <sys/socket.h>

#include <libpq-fe.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <retort/core/errors.hpp>

#include <retort/engine/copy_format.hpp>

#include "../postgresql_connection.hpp"
#include "../postgresql_copy.hpp"
#include "../postgresql_error.hpp"
#include "../postgresql_statement.hpp"


namespace retort::async_detail {

namespace asio = boost::asio;

namespace {

std::string trimmed(const char* text) {
    std::string s = text ? text : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// Notices ("relation already exists, skipping") are not errors; libpq would print them.
void discard_notice(void*, const char*) {}

// Lends a socket libpq owns to Asio for one wait, and takes it back (Asio must not close it).
struct borrowed_socket {
    borrowed_socket(const asio::any_io_executor& executor, int fd) : descriptor(executor, fd) {}
    ~borrowed_socket() { descriptor.release(); }
    asio::posix::stream_descriptor descriptor;
};

std::string prepared_name(std::size_t key) {
    std::string name = "r";
    name += std::to_string(key);
    return name;
}

}  // namespace

struct postgresql_link::request {
    request() = default;
    ~request() {
        PQclear(result);
        PQclear(error);
    }
    request(const request&) = delete;
    request& operator=(const request&) = delete;

    driver::statement* statement = nullptr;  // parameters to send (again, when skipped)
    std::size_t key = driver::uncached;
    std::string_view sql;
    bool shares_sync = false;
    int queries = 1;                       // results still to come (Parse adds one)
    std::size_t parsed_key = driver::uncached;  // the key whose Parse this request carries
    pg_result* result = nullptr;           // the statement's own result
    pg_result* error = nullptr;            // the first error among its results
    bool sync_after = false;               // the last of its group: the Sync follows it
    bool skipped = false;                  // behind a failed read of its group: it never ran
    bool done = false;
    bool lost = false;                     // the connection went away before its result
    bool cancel_wanted = false;            // its awaiter was cancelled: cancel it once it runs
    bool cancel_sent = false;              // once for each time it is sent
    bool timed_out = false;                // cancelled for running past its timeout
    bool copy_turn = false;                // held for a COPY: woken when that COPY's turn comes
    bool abandoned = false;                // a COPY cancelled before its turn came
    // A statement of its own (awaited, outside begin()): sent again when a cancel meant for
    // another stopped it, or never sent when cancelled while it waited to be.
    bool standalone = false;
    bool waiting = false;                  // in waiting_, not sent yet
    bool withdrawn = false;                // cancelled while it waited: never sent
    // Cancels sent when it was (last) sent: each had reached the server by then, since nothing
    // is sent while a cancel's round trip runs.
    std::uint64_t cancels_sent_before = 0;
    completion_signal wake;                // notified when done
};

asio::awaitable<std::shared_ptr<postgresql_link>> postgresql_link::connect(asio::any_io_executor executor,
                                                                           const detail::postgresql_config& config,
                                                                           double connect_timeout_seconds,
                                                                           std::string begin_sql) {
    PGconn* conn = PQconnectStart(config.conninfo.c_str());
    if (conn == nullptr) throw cannot_connect("libpq could not allocate a connection", {});
    std::exception_ptr failure;
    try {
        if (PQstatus(conn) == CONNECTION_BAD) throw cannot_connect(trimmed(PQerrorMessage(conn)), {});
        asio::steady_timer deadline(executor);
        if (connect_timeout_seconds > 0)
            deadline.expires_after(std::chrono::duration_cast<asio::steady_timer::duration>(
                std::chrono::duration<double>(connect_timeout_seconds)));
        else
            deadline.expires_at(asio::steady_timer::time_point::max());
        PostgresPollingStatusType poll = PGRES_POLLING_WRITING;
        while (poll != PGRES_POLLING_OK) {
            if (poll == PGRES_POLLING_FAILED) throw cannot_connect(trimmed(PQerrorMessage(conn)), {});
            borrowed_socket socket(executor, PQsocket(conn));  // may change between steps
            const auto wait = poll == PGRES_POLLING_READING ? asio::posix::stream_descriptor::wait_read
                                                            : asio::posix::stream_descriptor::wait_write;
            using boost::asio::experimental::awaitable_operators::operator||;
            auto which = co_await (socket.descriptor.async_wait(wait, asio::use_awaitable) ||
                                   deadline.async_wait(asio::use_awaitable));
            if (which.index() == 1)
                throw cannot_connect("timeout expired while connecting to the PostgreSQL server", {});
            poll = PQconnectPoll(conn);
        }
        if (PQsetnonblocking(conn, 1) != 0 || PQenterPipelineMode(conn) != 1)
            throw cannot_connect(trimmed(PQerrorMessage(conn)), {});
        PQsetNoticeProcessor(conn, discard_notice, nullptr);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        PQfinish(conn);
        std::rethrow_exception(failure);
    }
    auto link = std::make_shared<postgresql_link>(std::move(executor), conn, config.prepared_statements,
                                                  std::move(begin_sql));
    // engine_options::statement_timeout, enforced by the server as on the synchronous engine.
    // Behind a transaction-pooling PgBouncer (no prepared statements) a SET would stay on
    // whichever server connection ran it, for other clients: the client cancels instead, as
    // with_timeout does.
    link->max_in_flight_ = config.pipeline_depth;
    if (!config.prepared_statements) link->client_timeout_ = config.statement_timeout;
    if (config.statement_timeout.count() > 0 && config.prepared_statements) {
        const std::string set = "SET statement_timeout = " + std::to_string(config.statement_timeout.count());
        try {
            co_await link->exec(set, false);
        } catch (const statement_error& e) {
            throw cannot_connect(e.driver_message(), e.sql(), e.code());  // the link closes with its last owner
        }
    }
    co_return link;
}

postgresql_link::postgresql_link(asio::any_io_executor executor, pg_conn* conn, bool prepared_statements,
                                 std::string begin_sql)
    : executor_(executor),
      conn_(conn),
      socket_(executor),
      prepared_statements_(prepared_statements),
      begin_sql_(std::move(begin_sql)),
      idle_(executor) {
    idle_.expires_at(asio::steady_timer::time_point::max());
    session_.conn = conn;
    const int fd = PQsocket(conn);
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    socket_.assign(boost::asio::generic::stream_protocol(address.ss_family, 0), fd);
}

postgresql_link::~postgresql_link() {
    socket_.release();  // libpq closes its socket
    PQfinish(conn_);
}

driver::statement_handle postgresql_link::statement(std::string_view) {
    // No copy of the SQL: the link sends its own view of it, and the executor attaches it to
    // an error (rethrow_with); the statement only binds and reads.
    return {new detail::postgresql_statement(session_, {}, {}), true};
}

std::shared_ptr<postgresql_link::request> postgresql_link::send_statement(driver::statement* s, std::size_t key,
                                                                          std::string_view sql, bool shares_sync,
                                                                          bool standalone) {
    if (broken_)
        throw connection_lost(lost_message_.empty() ? "the connection to the server was lost" : lost_message_,
                              std::string(sql));
    auto r = std::make_shared<request>();
    r->statement = s;
    r->key = key;
    r->sql = sql;
    r->shares_sync = shares_sync;
    r->standalone = standalone;
    if (copying_) held_.push_back(r);  // sent when the COPY is over
    else send_or_wait(r);
    return r;
}

bool postgresql_link::may_send(const request& r) const noexcept {
    if (cancels_in_progress_ != 0 || unanswered() >= max_in_flight_) return false;
    if (prepared_statements_ || transaction_open_) return true;
    return in_flight_.empty() || (group_open_ && !group_in_transaction_ && r.shares_sync);
}

void postgresql_link::send_or_wait(const std::shared_ptr<request>& r) {
    if (waiting_.empty() && may_send(*r)) {
        enqueue(r);
        return;
    }
    r->waiting = true;
    waiting_.push_back(r);
}

void postgresql_link::send_waiting() {
    while (!waiting_.empty() && !broken_ && may_send(*waiting_.front())) {
        auto r = std::move(waiting_.front());
        waiting_.pop_front();
        r->waiting = false;
        try {
            enqueue(r, waiting_.empty());
        } catch (...) {  // the connection failed: so does the request
            r->lost = true;
            r->done = true;
            r->wake.notify();
        }
    }
}

bool postgresql_link::withdraw(const std::shared_ptr<request>& r) noexcept {
    if (!r->waiting || !r->standalone) return false;
    for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
        if (*it != r) continue;
        waiting_.erase(it);
        break;
    }
    r->waiting = false;
    r->withdrawn = true;
    r->done = true;
    wake_copy_if_idle();
    return true;
}

void postgresql_link::wake_copy_if_idle() noexcept {
    if (copying_ && in_flight_.empty() && waiting_.empty()) idle_.cancel();  // the COPY waiting for its turn goes
}

void postgresql_link::enqueue(const std::shared_ptr<request>& r, bool alone) {
    // A Parse opens a group: were it skipped behind a failed read, the statements sent after
    // it would find their statement unparsed.
    const bool parses = r->key != driver::uncached && prepared_statements_ &&
                        (r->key >= prepared_.size() || !prepared_[r->key]);
    // A read alone on the connection (nothing in flight, no group open) leaves at once with a
    // Sync of its own, as a raw loop's: waiting for the turn's end to group it would cost a
    // turn of the event loop when it is awaited alone. Reads issued behind it group.
    const bool own_sync = !r->shares_sync || (in_flight_.empty() && !group_open_ && alone);
    bool sent = true;
    if (group_open_ && (!r->shares_sync || parses)) sent = close_group();
    sent = sent && send_request(*r);
    if (sent && own_sync) {
        // A Sync of its own: an error ends at it, and the statements behind run on.
        sent = PQpipelineSync(conn_) == 1;
        r->sync_after = true;
    }
    if (!sent) {
        const std::string message = trimmed(PQerrorMessage(conn_));
        fail_all(message);
        if (PQstatus(conn_) == CONNECTION_BAD) throw connection_lost(message, std::string(r->sql));
        // libpq refused the statement before sending anything the server would answer:
        // nothing can be matched with what is in flight any more.
        throw database_error(message, std::string(r->sql));
    }
    in_flight_.push_back(r);
    // Before the reader starts (co_spawn may run it here and now): it leaves an open group's
    // statements in libpq's buffer for flush_later to send with their Sync.
    if (!own_sync && !group_open_) {
        group_open_ = true;
        group_in_transaction_ = transaction_open_;
    }
    start_reading();
    if (!own_sync) flush_later();
    else if (PQflush(conn_) == 1) socket_.cancel();  // PQpipelineSync pushed what it could; the reader flushes the rest
}

bool postgresql_link::send_request(request& r) {
    int count = 0;
    const char* const* values = nullptr;
    if (r.statement != nullptr)
        values = static_cast<detail::postgresql_statement*>(r.statement)->parameter_values(count);
    r.queries = 1;
    r.parsed_key = driver::uncached;
    r.skipped = false;
    r.cancel_sent = false;
    r.cancels_sent_before = cancels_sent_;
    if (r.key != driver::uncached && prepared_statements_) {
        if (r.key >= prepared_.size()) prepared_.resize(r.key + 1, 0);
        const std::string name = prepared_name(r.key);
        bool sent = true;
        if (!prepared_[r.key]) {
            // Parsed in the same pipeline: the executions behind it find it there.
            const std::string text(r.sql);  // libpq takes C strings (copied only here: an allocation)
            sent = PQsendPrepare(conn_, name.c_str(), text.c_str(), 0, nullptr) == 1;
            prepared_[r.key] = 1;
            r.queries = 2;
            r.parsed_key = r.key;
        }
        return sent && PQsendQueryPrepared(conn_, name.c_str(), count, values, nullptr, nullptr, 0) == 1;
    }
    const std::string text(r.sql);
    return PQsendQueryParams(conn_, text.c_str(), count, nullptr, values, nullptr, nullptr, 0) == 1;
}

bool postgresql_link::close_group() {
    group_open_ = false;
    in_flight_.back()->sync_after = true;
    return PQpipelineSync(conn_) == 1;
}

void postgresql_link::flush_later() {
    // After the coroutines ready in this turn of the event loop have sent their reads: one
    // Sync and one write to the socket for all of them.
    if (flush_posted_) return;
    flush_posted_ = true;
    asio::post(executor_, [self = shared_from_this()] {
        self->flush_posted_ = false;
        if (!self->group_open_ || self->broken_) return;
        if (!self->close_group()) {
            self->fail_all(trimmed(PQerrorMessage(self->conn_)));
            return;
        }
        if (PQflush(self->conn_) == 1) self->socket_.cancel();
    });
}

void postgresql_link::resend(std::vector<std::shared_ptr<request>> skipped) {
    // Ahead of what waits to be sent (they were sent before it), in their order.
    for (auto it = skipped.rbegin(); it != skipped.rend(); ++it) {
        if ((*it)->parsed_key != driver::uncached) prepared_[(*it)->parsed_key] = 0;  // its Parse was skipped too
        (*it)->waiting = true;
        waiting_.push_front(std::move(*it));
    }
    send_waiting();
}

void postgresql_link::start_reading() {
    if (reading_) return;
    reading_ = true;
    asio::co_spawn(executor_, [self = shared_from_this()] { return self->read_loop(); }, asio::detached);
}

asio::awaitable<void> postgresql_link::read_loop() {
    while (!in_flight_.empty() && !broken_) {
        // A group of reads waiting for its Sync leaves with it, in one write, when the turn
        // ends (flush_later): flushing its statements now would cost a write of their own.
        const int flushed = group_open_ ? 0 : PQflush(conn_);
        if (flushed < 0) {
            fail_all(trimmed(PQerrorMessage(conn_)));
            break;
        }
        deliver_results();  // libpq may have read while it flushed
        if (in_flight_.empty() || broken_) break;
        if (flushed == 1) {
            co_await wait_readable_or_writable();
        } else {
            boost::system::error_code ec;
            co_await socket_.async_wait(asio::socket_base::wait_read, asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted) continue;  // a send left data to flush
        }
        if (PQconsumeInput(conn_) == 0) {
            fail_all(trimmed(PQerrorMessage(conn_)));
            break;
        }
        deliver_results();
    }
    reading_ = false;
}

asio::awaitable<void> postgresql_link::wait_readable_or_writable() {
    // Either: the server may be waiting for us to read before it reads more. The timer bounds
    // a wait whose writable edge came before it began (edge-triggered).
    using boost::asio::experimental::awaitable_operators::operator||;
    asio::steady_timer retry(executor_, std::chrono::milliseconds(10));
    boost::system::error_code read_ec, write_ec, timer_ec;
    co_await (socket_.async_wait(asio::socket_base::wait_read, asio::redirect_error(asio::use_awaitable, read_ec)) ||
              socket_.async_wait(asio::socket_base::wait_write, asio::redirect_error(asio::use_awaitable, write_ec)) ||
              retry.async_wait(asio::redirect_error(asio::use_awaitable, timer_ec)));
}

void postgresql_link::deliver_results() {
    // An awaiter at a time: it runs, and frees what it held, before the results behind it are
    // parsed. Taking every result libpq had read first (thousands, when the reader fell
    // behind) kept each in a PGresult of its own, 2 KiB at least, until all were parsed:
    // megabytes gone cold before their awaiters read them.
    bool more = true;
    while (more && !broken_) {
        more = take_results();
        wake_done();
        send_waiting();  // into the room the results made
    }
}

bool postgresql_link::take_results() {
    while (!in_flight_.empty()) {
        if (PQisBusy(conn_)) return false;
        // Every request's results are in: the next is its group's Sync, once that is sent.
        const bool between = receiving_ == in_flight_.size();
        if (between && !in_flight_.back()->sync_after) return false;
        pg_result* result = PQgetResult(conn_);
        if (result == nullptr) {  // the end of one query's results
            if (between) return false;
            request& head = *in_flight_[receiving_];
            if (head.queries == 0) return false;
            if (--head.queries == 0) {
                settle_cancels(head);
                ++receiving_;
                cancel_head();
                // A read of a group is woken now, not at the Sync: what fails behind it cannot
                // change its rows, and a group of thousands of reads would otherwise keep every
                // result (2 KiB at least) until the last came.
                if (head.shares_sync && !head.sync_after && !head.skipped && head.error == nullptr) {
                    head.done = true;
                    done_.push_back(in_flight_[receiving_ - 1]);
                    return true;
                }
            }
            continue;
        }
        if (PQresultStatus(result) == PGRES_PIPELINE_SYNC) {
            PQclear(result);
            end_group();
            return true;
        }
        if (between) {  // nothing but a Sync comes here
            PQclear(result);
            continue;
        }
        request& head = *in_flight_[receiving_];
        switch (PQresultStatus(result)) {
            case PGRES_TUPLES_OK:
            case PGRES_COMMAND_OK:
            case PGRES_EMPTY_QUERY:
                if (head.queries == 1 && head.error == nullptr && head.result == nullptr) head.result = result;
                else PQclear(result);  // Parse's acknowledgement
                break;
            case PGRES_PIPELINE_ABORTED:  // behind a failed Parse of the same request, or a failed read of its group
                PQclear(result);
                if (head.error == nullptr) head.skipped = true;
                break;
            default:
                if (head.error == nullptr && stopped_by_stray_cancel(head, result)) {
                    PQclear(result);
                    head.skipped = true;  // sent again after its Sync, as a read skipped behind a failed one
                    // Parsed again then only if the cancel stopped its Parse.
                    if (head.queries == 2 && head.parsed_key < prepared_.size()) prepared_[head.parsed_key] = 0;
                    head.parsed_key = driver::uncached;
                    break;
                }
                if (head.error == nullptr) head.error = result;
                else PQclear(result);
                if (head.queries == 2 && head.parsed_key < prepared_.size()) prepared_[head.parsed_key] = 0;
                break;
        }
    }
    return false;
}

void postgresql_link::end_group() {
    // The Sync ends the oldest group: the requests up to the first that it follows.
    std::vector<std::shared_ptr<request>> skipped;
    bool last = false;
    while (!last && !in_flight_.empty()) {
        auto r = std::move(in_flight_.front());
        in_flight_.pop_front();
        if (receiving_ > 0) --receiving_;
        last = r->sync_after;
        if (r->done) continue;  // a read answered before the Sync, woken then
        if (r->skipped && r->error == nullptr) {
            r->sync_after = false;
            skipped.push_back(std::move(r));
            continue;
        }
        r->done = true;
        done_.push_back(std::move(r));  // woken by the reader once its results are taken
    }
    if (!skipped.empty()) resend(std::move(skipped));
    cancel_head();
    wake_copy_if_idle();
}

void postgresql_link::wake_done() {
    // Each runs here up to its next co_await (the next statement it sends, often): no post and
    // no turn of the event loop between a result and its awaiter. Those it sends join
    // in_flight_, and this reader, still running, reads their results.
    for (std::size_t i = 0; i < done_.size(); ++i) done_[i]->wake.notify_here();
    done_.clear();
}

void postgresql_link::fail_all(const std::string& message) noexcept {
    broken_ = true;
    lost_message_ = message.empty() ? "the connection to the server was lost" : message;
    for (auto& r : in_flight_) {
        if (r->done) continue;  // answered already (a read ahead of its group's Sync)
        r->lost = true;
        r->done = true;
        r->wake.notify();
    }
    in_flight_.clear();
    for (auto& r : waiting_) {
        r->waiting = false;
        r->lost = true;
        r->done = true;
        r->wake.notify();
    }
    waiting_.clear();
    receiving_ = 0;
    group_open_ = false;
    idle_.cancel();
}

void postgresql_link::cancel_head(const request* only) noexcept {
    if (receiving_ >= in_flight_.size()) return;
    request& head = *in_flight_[receiving_];
    if ((only != nullptr && &head != only) || !head.cancel_wanted || head.cancel_sent) return;
    head.cancel_sent = true;
    cancel_running();
}

void postgresql_link::cancel_running() noexcept {
    // PQcancel opens a connection of its own to the server and waits for its answer: a thread
    // makes that round trip, so the event loop does not wait on it (libpq 15 has no
    // non-blocking cancel). The awaiter learns the outcome from its statement's result.
    PGcancel* cancel = PQgetCancel(conn_);
    if (cancel == nullptr) return;
    ++cancels_sent_;
    // The server signals the backend twice (it and its process group): a cancel may stop the
    // statement meant and the one behind it, when that one is already in the backend's buffer.
    cancels_unlanded_ += 2;
    const auto send = [cancel] {
        char error[256];
        PQcancel(cancel, error, sizeof error);
        PQfreeCancel(cancel);
    };
    try {
        // Joined long after they finished: a cancel takes one local round trip.
        if (cancels_.size() >= 8) cancels_.erase(cancels_.begin());
        // Until it is done nothing more is sent: a statement read after both signals are in
        // is safe from them (the backend drops a cancel that comes while it reads a command).
        cancels_.emplace_back([send, executor = executor_, link = weak_from_this()] {
            send();
            asio::post(executor, [link] {
                if (auto self = link.lock()) self->cancel_delivered();
            });
        });
        ++cancels_in_progress_;
    } catch (...) {  // no thread to be had: cancel from here
        send();
    }
}

void postgresql_link::cancel_delivered() {
    --cancels_in_progress_;
    send_waiting();
}

bool postgresql_link::stopped_by_stray_cancel(const request& r, const pg_result* error) {
    if (cancels_unlanded_ == 0) return false;
    const char* state = PQresultErrorField(error, PG_DIAG_SQLSTATE);
    if (state == nullptr || std::string_view(state) != "57014") return false;  // query_canceled
    --cancels_unlanded_;  // this one landed: on its statement, or on the one behind it
    // A statement of a transaction is not sent again: the cancel aborted the transaction.
    return !r.cancel_wanted && r.standalone;
}

void postgresql_link::settle_cancels(const request& r) noexcept {
    // The server took in the cancels before this request's messages: a cancel not yet seen to
    // stop a statement arrived while it was idle, and stopped none.
    if (r.cancels_sent_before == cancels_sent_) cancels_unlanded_ = 0;
}

namespace {

// The request's outcome: its error thrown, or its result handed to `target`.
void deliver(pg_conn* conn, bool lost, const std::string& lost_message, pg_result*& error, pg_result*& result,
             detail::postgresql_statement* target, std::string_view sql) {
    if (lost) throw connection_lost(lost_message, std::string(sql));
    if (error != nullptr) detail::throw_result_error(conn, std::exchange(error, nullptr), sql);
    if (target != nullptr) target->accept_result(std::exchange(result, nullptr));
}

}  // namespace

asio::awaitable<void> postgresql_link::await(std::shared_ptr<request> r, delivery then) {
    auto keep = shared_from_this();
    // A cancelled caller still waits here for its statement's answer (the connection's
    // results come in order), but does not throw at the next co_await in the meantime.
    const bool throwing = co_await asio::this_coro::throw_if_cancelled();
    co_await asio::this_coro::throw_if_cancelled(false);
    // A statement's own timeout: cancelled as a cancelled awaiter's is, then reported as such.
    // (On the heap: in the frame it would enlarge every statement's.)
    std::unique_ptr<asio::steady_timer> deadline;
    if (then.timeout.count() > 0 && !r->done) {
        deadline = std::make_unique<asio::steady_timer>(executor_, then.timeout);
        deadline->async_wait([this, keep, r](boost::system::error_code ec) {
            if (ec || r->done || r->cancel_wanted) return;
            r->cancel_wanted = true;
            r->timed_out = true;
            if (withdraw(r)) r->wake.notify();
            else cancel_head(r.get());
        });
    }
    while (!r->done) {
        // A deferred operation, awaited in this frame: use_awaitable's initiation is a
        // coroutine of its own, a frame allocated per statement.
        co_await r->wake.async_wait(asio::as_tuple(asio::deferred));
        if (!r->done && !r->cancel_wanted) {
            r->cancel_wanted = true;
            if (!withdraw(r)) cancel_head(r.get());
            co_await asio::this_coro::reset_cancellation_state();
        }
    }
    co_await asio::this_coro::throw_if_cancelled(throwing);
    if (!then.wanted) co_return;
    try {
        try {
            if (r->withdrawn) throw query_canceled("the statement was cancelled before it was sent", std::string(then.sql));
            deliver(conn_, r->lost, lost_message_, r->error, r->result, then.target, then.sql);
        } catch (const query_canceled& e) {
            if (!r->timed_out) throw;
            detail::throw_timed_out(then.timeout, e.driver_message(), then.sql);
        }
    } catch (...) {
        rethrow_with(then.sql, then.params);
    }
}

asio::awaitable<void> postgresql_link::run(driver::statement& s, std::size_t key, std::string_view sql,
                                           params_text_fn params, bool shares_sync, std::chrono::milliseconds timeout) {
    // Not a coroutine: the caller awaits await()'s frame alone.
    if (timeout.count() == 0 && client_timeout_.count() > 0) {
        timeout = client_timeout_;
        shares_sync = false;  // as a timed statement: its cancel must not reach the reads of its group
    }
    std::shared_ptr<request> r;
    try {
        r = send_statement(&s, key, sql, shares_sync, !transaction_open_);
    } catch (...) {
        rethrow_with(sql, params);
    }
    return await(std::move(r), {true, static_cast<detail::postgresql_statement*>(&s), sql, params, timeout});
}

asio::awaitable<void> postgresql_link::exec(std::string_view sql, bool) {
    return await(send_statement(nullptr, driver::uncached, sql), {true, nullptr, sql, {}, client_timeout_});
}

asio::awaitable<void> postgresql_link::begin() {
    co_await exec(begin_sql_, false);
    transaction_open_ = true;
}

asio::awaitable<void> postgresql_link::commit() {
    transaction_open_ = false;  // whatever COMMIT answers
    auto r = send_statement(nullptr, driver::uncached, "COMMIT");
    co_await await(r);
    deliver(conn_, r->lost, lost_message_, r->error, r->result, nullptr, "COMMIT");
    // PostgreSQL answers COMMIT of a failed transaction with a silent ROLLBACK: say so.
    if (r->result != nullptr && std::string_view(PQcmdStatus(r->result)) == "ROLLBACK")
        throw invalid_request_error(
            "cannot commit: a statement failed inside this transaction, so the database aborted it; it has been "
            "rolled back");
}

asio::awaitable<void> postgresql_link::rollback() {
    transaction_open_ = false;
    co_await exec("ROLLBACK", false);
}

asio::awaitable<bool> postgresql_link::ping() {
    if (broken_) co_return false;
    bool alive = true;
    try {
        co_await exec("SELECT 1", false);
    } catch (const retort::error&) {
        alive = false;
    }
    co_return alive && !broken_;
}

asio::awaitable<void> postgresql_link::run_pipelined(std::span<const pipelined_statement> statements,
                                                     bool as_transaction, function_ref<void(std::size_t)> received,
                                                     function_ref<std::vector<std::string>(std::size_t)> params_of) {
    if (statements.empty()) co_return;
    auto keep = shared_from_this();
    std::exception_ptr failure;
    // The first error, with its statement's SQL and parameters.
    const auto fail = [&](std::string_view sql, std::size_t index) {
        if (failure) return;
        const auto params_lambda = [&] { return index < statements.size() ? params_of(index) : std::vector<std::string>{}; };
        try {
            rethrow_with(sql, params_text_fn(params_lambda));
        } catch (...) {
            failure = std::current_exception();
        }
    };
    // Inside the caller's transaction a savepoint undoes the group's work alone, as the
    // synchronous execute_many's does.
    const std::string_view open = as_transaction ? std::string_view(begin_sql_) : "SAVEPOINT retort_pipelined";
    const std::string_view close = as_transaction ? "COMMIT" : "RELEASE SAVEPOINT retort_pipelined";
    // Sent with no suspension between them: no other coroutine's statement comes in between.
    std::shared_ptr<request> opening, closing;
    std::vector<std::shared_ptr<request>> sent;
    sent.reserve(statements.size());
    try {
        opening = send_statement(nullptr, driver::uncached, open);
        for (const auto& s : statements) sent.push_back(send_statement(s.statement, s.key, s.sql));
        closing = send_statement(nullptr, driver::uncached, close);
    } catch (...) {
        // libpq could not queue it: the connection is failed (fail_all), nothing more comes.
        const std::size_t index = sent.size();
        fail(!opening ? open : index < statements.size() ? statements[index].sql : close, index);
    }
    // A request's outcome: its result handed to `target`, or its error kept (the first one).
    const auto settle = [&](request& r, driver::statement* target, std::string_view sql, std::size_t index) {
        try {
            deliver(conn_, r.lost, lost_message_, r.error, r.result, static_cast<detail::postgresql_statement*>(target),
                    sql);
            return true;
        } catch (...) {
            fail(sql, index);
            return false;
        }
    };
    if (opening) {
        co_await await(opening);
        settle(*opening, nullptr, open, statements.size());
    }
    for (std::size_t i = 0; i < sent.size(); ++i) {
        co_await await(sent[i]);
        // Behind a failure, in its transaction, the rest fail too ("current transaction is aborted").
        if (settle(*sent[i], statements[i].statement, statements[i].sql, i) && !failure) received(i);
    }
    if (closing) {
        co_await await(closing);
        settle(*closing, nullptr, close, statements.size());
    }
    // A failed transaction's COMMIT rolled it back; a failed savepoint is rolled back to now.
    if (failure && !as_transaction && !broken_) {
        auto undo = send_statement(nullptr, driver::uncached, "ROLLBACK TO SAVEPOINT retort_pipelined");
        co_await await(undo);
    }
    if (failure) std::rethrow_exception(failure);
}

void postgresql_link::send_detached(std::string_view sql) {
    try {
        send_statement(nullptr, driver::uncached, sql);  // the reader takes its result; nobody waits for it
    } catch (...) {
        // the connection is gone: so is what this would have ended
    }
}

// --- COPY ----------------------------------------------------------------------------------

asio::awaitable<void> postgresql_link::copy_in(std::string_view table, std::span<const std::string> columns,
                                               function_ref<bool(std::string&)> next_row, bool as_transaction) {
    auto keep = shared_from_this();
    const std::string sql = detail::copy_from_stdin_sql(table, columns);
    if (broken_) throw connection_lost(lost_message_, sql);
    // Cancellation is looked for between the steps (cancellation_arrived), not thrown at any
    // co_await: a COPY is ended in step with the server, and the connection left usable.
    const bool throwing = co_await asio::this_coro::throw_if_cancelled();
    co_await asio::this_coro::throw_if_cancelled(false);
    std::exception_ptr failure;
    bool owns_turn = false;
    try {
        co_await take_copy_turn(sql, owns_turn);
        co_await copy_outside_pipeline(sql, next_row, as_transaction);
    } catch (...) {
        failure = std::current_exception();
    }
    if (owns_turn) end_copy_turn();
    co_await asio::this_coro::throw_if_cancelled(throwing);
    if (failure) std::rethrow_exception(failure);
}

asio::awaitable<void> postgresql_link::take_copy_turn(std::string_view sql, bool& owns) {
    if (copying_) {
        // Another COPY has the connection: this one's turn follows what was sent before it.
        auto turn = std::make_shared<request>();
        turn->copy_turn = true;
        held_.push_back(turn);
        while (!turn->done) {
            boost::system::error_code ec;
            co_await turn->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            if (!turn->done && co_await cancellation_arrived()) {
                turn->abandoned = true;  // end_copy_turn passes it by
                throw query_canceled("the COPY was cancelled before it began", std::string(sql));
            }
        }
    }
    copying_ = true;  // from here what is sent is held
    owns = true;
    if (broken_) throw connection_lost(lost_message_, std::string(sql));
    if (group_open_) {
        if (!close_group()) lose(sql);
        if (PQflush(conn_) == 1) socket_.cancel();  // the reader flushes the rest
    }
    // Every earlier statement sent and its result in: libpq leaves pipeline mode only when idle.
    while ((!in_flight_.empty() || !waiting_.empty()) && !broken_) {
        boost::system::error_code ec;
        co_await idle_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if ((!in_flight_.empty() || !waiting_.empty()) && co_await cancellation_arrived())
            throw query_canceled("the COPY was cancelled before it began", std::string(sql));
    }
    if (broken_) throw connection_lost(lost_message_, std::string(sql));
}

void postgresql_link::end_copy_turn() noexcept {
    copying_ = false;
    while (!held_.empty() && !copying_) {
        auto r = std::move(held_.front());
        held_.pop_front();
        if (r->copy_turn) {
            if (r->abandoned) continue;
            copying_ = true;  // the next COPY's turn: what was sent after it stays held
            r->done = true;
            r->wake.notify();
            continue;
        }
        try {
            if (broken_) throw connection_lost(lost_message_, std::string(r->sql));
            send_or_wait(r);
        } catch (...) {  // the connection failed: so does the request
            r->lost = true;
            r->done = true;
            r->wake.notify();
        }
    }
}

asio::awaitable<void> postgresql_link::copy_outside_pipeline(const std::string& sql,
                                                             function_ref<bool(std::string&)> next_row,
                                                             bool as_transaction) {
    if (PQexitPipelineMode(conn_) != 1) throw database_error(trimmed(PQerrorMessage(conn_)), sql);
    // As run_pipelined: the COPY is its own transaction, or a savepoint in the caller's.
    const std::string_view open = as_transaction ? std::string_view(begin_sql_) : "SAVEPOINT retort_copy";
    const std::string_view close = as_transaction ? "COMMIT" : "RELEASE SAVEPOINT retort_copy";
    const std::string_view undo = as_transaction ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT retort_copy";
    std::exception_ptr failure;
    bool opened = false;
    try {
        co_await exec_outside_pipeline(open);
        opened = true;
        co_await copy_data(sql, next_row);
        opened = false;  // COMMIT ends the transaction whatever it answers
        co_await exec_outside_pipeline(close);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure && opened && !broken_) {
        try {
            co_await exec_outside_pipeline(undo);
        } catch (const retort::error&) {  // the COPY's own error is the one to report
        }
    }
    if (!broken_ && PQenterPipelineMode(conn_) != 1) {
        fail_all(trimmed(PQerrorMessage(conn_)));
        if (!failure) throw connection_lost(lost_message_, sql);
    }
    if (failure) std::rethrow_exception(failure);
}

asio::awaitable<void> postgresql_link::copy_data(const std::string& sql, function_ref<bool(std::string&)> next_row) {
    if (PQsendQuery(conn_, sql.c_str()) != 1) lose(sql);
    co_await flush_outside_pipeline(sql);
    pg_result* start = co_await next_result(sql);
    if (PQresultStatus(start) != PGRES_COPY_IN) {
        // The COPY did not begin (no such table...): its error, once the rest is read.
        std::exception_ptr refused;
        try {
            detail::throw_result_error(conn_, start, sql);
        } catch (...) {
            refused = std::current_exception();
        }
        co_await results_outside_pipeline(sql);
        std::rethrow_exception(refused);
    }
    PQclear(start);
    // Each chunk is flushed before the next is made: libpq holds one chunk at most, and a
    // server slower than the rows waits on the socket, not on memory.
    std::string chunk = detail::empty_copy_chunk();
    const char* abandoned = nullptr;  // why the COPY is given up: the server discards its rows
    std::exception_ptr row_failure;
    for (bool more = true; more;) {
        try {
            more = detail::fill_copy_chunk(chunk, next_row);
        } catch (...) {
            row_failure = std::current_exception();
            abandoned = "retort: a row could not be written";
            break;
        }
        if (!chunk.empty()) {
            int put = 0;
            while ((put = PQputCopyData(conn_, chunk.data(), int(chunk.size()))) == 0)
                co_await flush_outside_pipeline(sql);  // no room in libpq's buffer
            if (put < 0) lose(sql);
            chunk.clear();
        }
        co_await flush_outside_pipeline(sql);
        if (more && co_await cancellation_arrived()) {
            abandoned = "retort: the COPY was cancelled";
            break;
        }
    }
    int ended = 0;
    while ((ended = PQputCopyEnd(conn_, abandoned)) == 0) co_await flush_outside_pipeline(sql);
    if (ended < 0) lose(sql);
    co_await flush_outside_pipeline(sql);
    if (row_failure) {
        try {
            co_await results_outside_pipeline(sql);  // the server's "COPY from stdin failed"
        } catch (const retort::error&) {
        }
        std::rethrow_exception(row_failure);
    }
    co_await results_outside_pipeline(sql);  // cancelled: query_canceled, with the reason
}

asio::awaitable<void> postgresql_link::exec_outside_pipeline(std::string_view sql) {
    const std::string text(sql);  // libpq takes C strings
    if (PQsendQuery(conn_, text.c_str()) != 1) lose(sql);
    co_await flush_outside_pipeline(sql);
    co_await results_outside_pipeline(sql);
}

asio::awaitable<void> postgresql_link::flush_outside_pipeline(std::string_view sql) {
    for (;;) {
        const int flushed = PQflush(conn_);
        if (flushed == 0) co_return;
        if (flushed < 0) lose(sql);
        co_await wait_readable_or_writable();
        if (PQconsumeInput(conn_) == 0) lose(sql);  // the server may be waiting for us to read
    }
}

asio::awaitable<pg_result*> postgresql_link::next_result(std::string_view sql) {
    while (PQisBusy(conn_)) {
        boost::system::error_code ec;
        co_await socket_.async_wait(asio::socket_base::wait_read, asio::redirect_error(asio::use_awaitable, ec));
        if (PQconsumeInput(conn_) == 0) lose(sql);
    }
    co_return PQgetResult(conn_);
}

asio::awaitable<void> postgresql_link::results_outside_pipeline(std::string_view sql) {
    pg_result* error = nullptr;
    try {
        while (pg_result* result = co_await next_result(sql)) {
            const ExecStatusType status = PQresultStatus(result);
            if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY && error == nullptr)
                error = result;
            else
                PQclear(result);
        }
    } catch (...) {
        PQclear(error);
        throw;
    }
    if (error == nullptr) co_return;
    // An error that ended the session (an administrator's termination): the connection is gone.
    if (PQstatus(conn_) == CONNECTION_BAD) fail_all(trimmed(PQresultErrorMessage(error)));
    detail::throw_result_error(conn_, error, sql);
}

asio::awaitable<bool> postgresql_link::cancellation_arrived() {
    const bool cancelled = (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none;
    if (cancelled) co_await asio::this_coro::reset_cancellation_state();
    co_return cancelled;
}

void postgresql_link::lose(std::string_view sql) {
    fail_all(trimmed(PQerrorMessage(conn_)));
    throw connection_lost(lost_message_, std::string(sql));
}

}  // namespace retort::async_detail
