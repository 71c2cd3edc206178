#pragma once
// What co_await conn.execute(stream_results(select(...), n)) gives: the rows n at a time,
// each batch read from the database only when awaited, so that memory holds one batch.
//   auto stream = co_await conn.execute(stream_results(select(events), 1000));
//   while (auto batch = co_await stream.next_batch())
//       for (const auto& row : *batch) use(row.name);
// PostgreSQL: a server-side cursor (DECLARE ... CURSOR FOR the statement, FETCH n per batch,
// through the pipeline). SQLite: the synchronous streamed result, kept on the worker thread
// and read n rows per offload. Outside begin() the stream holds a transaction of its own,
// ended with it: statements run on the connection meanwhile are part of it. The stream must
// not outlive its connection nor be used while the connection is moved.
#include <atomic>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include <retort/async/async_connection.hpp>
#include <retort/engine/execute.hpp>

namespace retort {

namespace async_detail {
// Cursor names: unique in the process, so on every connection.
inline std::string next_cursor_name() {
    static std::atomic<std::size_t> next{0};
    return "retort_cursor_" + std::to_string(next.fetch_add(1, std::memory_order_relaxed));
}
}  // namespace async_detail

template <class Row>
class streamed_result {
public:
    using row_type = Row;

    streamed_result(streamed_result&& other) noexcept
        : conn_(std::exchange(other.conn_, nullptr)),
          batch_(other.batch_),
          owns_transaction_(other.owns_transaction_),
          done_(std::exchange(other.done_, true)),
          sql_(std::move(other.sql_)),
          params_(std::move(other.params_)),
          cursor_(std::move(other.cursor_)),
          worker_(std::move(other.worker_)) {}
    streamed_result& operator=(streamed_result&& other) noexcept {
        if (this != &other) {
            end_detached();
            conn_ = std::exchange(other.conn_, nullptr);
            batch_ = other.batch_;
            owns_transaction_ = other.owns_transaction_;
            done_ = std::exchange(other.done_, true);
            sql_ = std::move(other.sql_);
            params_ = std::move(other.params_);
            cursor_ = std::move(other.cursor_);
            worker_ = std::move(other.worker_);
        }
        return *this;
    }
    // Ends the stream (its cursor, its transaction) behind what the connection has in flight,
    // without waiting: the connection's next statement runs after that.
    ~streamed_result() { end_detached(); }

    // The next rows, at most the yield_per given to stream_results() (fewer at the end), read
    // now; nothing once the rows are done. An error reading them is thrown here, with the
    // statement's SQL and parameters, and ends the stream.
    boost::asio::awaitable<std::optional<std::vector<Row>>> next_batch() {
        if (done_) co_return std::nullopt;
        async_detail::driver_connection& link = conn_->live();
        std::vector<Row> rows;
        std::exception_ptr failure;
        try {
            if (worker_) {
                co_await link.offload([&](connection&) { rows = worker_->rows->fetchmany(batch_); });
            } else {
                const std::string fetch = "FETCH FORWARD " + std::to_string(batch_) + " FROM " + cursor_;
                driver::statement_handle handle = link.statement(fetch);
                co_await conn_->run(*handle, driver::uncached, fetch, {}, false);
                rows = result<Row>(std::move(handle), nullptr, sql_).all();
            }
        } catch (...) {
            failure = std::current_exception();
        }
        if (failure) {
            co_await end(false);  // a catch block cannot co_await
            try {
                std::rethrow_exception(failure);
            } catch (statement_error& e) {
                e.set_sql(sql_);  // the statement the rows are of, not its FETCH
                if (e.params().empty() && !params_.empty()) e.set_params(params_);
                throw;
            }
        }
        if (rows.size() < batch_) co_await end(true);
        if (rows.empty()) co_return std::nullopt;
        co_return std::optional<std::vector<Row>>(std::move(rows));
    }

    // Ends the stream now, rows left unread dropped, and waits for that.
    boost::asio::awaitable<void> close() { co_await end(true); }
    // Whether the rows are done (or the stream ended).
    bool closed() const noexcept { return done_; }

    // Opens the stream: async_connection::execute(stream_results(...)) calls this.
    template <class S, class... Args>
    static boost::asio::awaitable<streamed_result> open(async_connection& conn, bool in_transaction, const S& statement,
                                                        int yield_per, const Args&... named) {
        streamed_result out(conn, static_cast<std::size_t>(yield_per > 0 ? yield_per : 1), !in_transaction);
        async_detail::driver_connection& link = conn.live();
        const dialect_kind kind = conn.dialect();
        std::unique_ptr<const std::string> owned_sql;
        out.sql_ = std::string(detail::statement_sql<void>(statement, kind, owned_sql));
        const std::tuple<const Args&...> args(named...);
        if (kind == dialect_kind::sqlite) {
            auto worker = std::make_shared<worker_side>();
            co_await link.offload([&](connection& sync) {
                // The stream's transaction stays open until it ends.
                async_detail::autocommitted(
                    sync, in_transaction,
                    [&] { worker->rows.emplace(sync.execute(stream_results(statement, yield_per), named...)); }, false);
            });
            out.worker_ = std::move(worker);
            out.done_ = false;
            co_return out;
        }
        const detail::bound_values values = detail::bound_values_of(statement, args);
        out.params_ = values();
        out.cursor_ = async_detail::next_cursor_name();
        const std::string declare = "DECLARE " + out.cursor_ + " NO SCROLL CURSOR FOR " + out.sql_;
        const auto params_lambda = [&] { return out.params_; };
        const params_text_fn params(params_lambda);
        driver::statement_handle handle = link.statement(declare);
        try {
            detail::value_binder binder(*handle, kind);
            values.bind_into(binder);
        } catch (...) {
            handle.reset();
            async_detail::rethrow_with(out.sql_, params);
        }
        if (!in_transaction) co_await link.begin();
        std::exception_ptr failure;
        try {
            co_await conn.run(*handle, driver::uncached, declare, params, false);
        } catch (...) {
            failure = std::current_exception();
        }
        if (failure) {
            if (!in_transaction) {
                try {
                    co_await link.rollback();
                } catch (...) {
                }
            }
            std::rethrow_exception(failure);
        }
        out.done_ = false;
        co_return out;
    }

private:
    // SQLite: the synchronous result, touched on the connection's worker thread only.
    struct worker_side {
        std::optional<result<Row>> rows;
    };

    streamed_result(async_connection& conn, std::size_t batch, bool owns_transaction)
        : conn_(&conn), batch_(batch), owns_transaction_(owns_transaction) {}

    // Ends the cursor and the stream's own transaction (committed, or rolled back after an
    // error: the error is the one thrown then, not this one's).
    boost::asio::awaitable<void> end(bool ok) {
        if (done_) co_return;
        done_ = true;
        async_detail::driver_connection& link = conn_->live();
        std::exception_ptr failure;
        try {
            if (worker_) {
                const bool owns = owns_transaction_;
                auto worker = std::move(worker_);
                co_await link.offload([&](connection& sync) {
                    worker->rows.reset();
                    if (!owns) return;
                    if (ok) {
                        sync.commit();
                    } else {
                        try {
                            sync.rollback();
                        } catch (...) {
                        }
                    }
                });
            } else if (owns_transaction_) {
                if (ok) co_await link.commit();
                else co_await link.rollback();
            } else {
                co_await link.exec("CLOSE " + cursor_, true);
            }
        } catch (...) {
            if (ok) failure = std::current_exception();
        }
        if (failure) std::rethrow_exception(failure);
    }

    void end_detached() noexcept {
        if (done_ || conn_ == nullptr || conn_->closed()) return;
        done_ = true;
        try {
            async_detail::driver_connection& link = conn_->live();
            if (worker_) {
                link.post_detached([worker = std::move(worker_), owns = owns_transaction_](connection& sync) {
                    worker->rows.reset();
                    if (owns) sync.commit();
                });
            } else {
                link.send_detached(owns_transaction_ ? std::string("COMMIT") : "CLOSE " + cursor_);
            }
        } catch (...) {
        }
    }

    async_connection* conn_;
    std::size_t batch_;
    bool owns_transaction_;  // begun for the stream (outside begin()): ended with it
    bool done_ = true;       // until open() has it going
    std::string sql_;        // the statement's, for errors
    std::vector<std::string> params_;
    std::string cursor_;                     // PostgreSQL
    std::shared_ptr<worker_side> worker_;    // SQLite
};

}  // namespace retort
