#pragma once
// One checked-out asynchronous connection (SQLAlchemy's AsyncConnection). Statements run
// each on its own (autocommit) until begin(): that is what lets concurrent execute() calls on
// one PostgreSQL connection travel together in libpq's pipeline mode, each failing alone.
// Inside begin() ... commit()/rollback() they run in that transaction, in the order sent.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>
#include <memory>
#include <string>
#include <utility>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include <retort/async/buffered_result.hpp>
#include <retort/async/bulk_trace.hpp>
#include <retort/async/driver_connection.hpp>
#include <retort/engine/execute.hpp>
#include <retort/engine/execute_many.hpp>

namespace retort {

template <class Row>
class streamed_result;

namespace async_detail {
class pooled_connection;
class engine_core;

// What the synchronous executor returns for statement S, and what the asynchronous one gives.
template <class S>
using outcome_t = decltype(detail::execution_outcome<void, S>(std::declval<driver::statement_handle>(), dialect_kind::sqlite,
                                                              static_cast<connection*>(nullptr), std::string_view{},
                                                              std::unique_ptr<const std::string>{},
                                                              std::declval<void (*)()>()));
// What co_await execute(s) gives: the outcome, its rows buffered; a streamed_result for
// stream_results(s, n) (async/streamed_result.hpp).
template <class S>
struct execute_result {
    using type = typename detail::buffered<outcome_t<S>>::type;
};
template <class S>
struct execute_result<streamed_statement<S>> {
    using type = streamed_result<typename S::row_type>;
};
// with_timeout(s, ms): what s gives.
template <class S>
struct execute_result<timed_statement<S>> : execute_result<S> {};
template <class S>
using execute_result_t = typename execute_result<S>::type;

// What co_await execute_many(s, rows) gives, as connection::execute_many: the rows changed,
// or the RETURNING rows in input order.
template <class S, bool = detail::is_bulk_insert<S>::value>
struct execute_many_result {
    using type = std::int64_t;
};
template <class S>
struct execute_many_result<S, true> {
    using type = std::conditional_t<S::returns_rows, std::vector<typename S::row_type>, std::int64_t>;
};
template <class S>
using execute_many_result_t = typename execute_many_result<S>::type;
}  // namespace async_detail

class async_connection {
public:
    async_connection(std::shared_ptr<async_detail::engine_core> core,
                     std::unique_ptr<async_detail::pooled_connection> pooled) noexcept;
    async_connection(async_connection&&) noexcept;
    async_connection& operator=(async_connection&&) noexcept;
    // Returns the connection to the pool (rolled back there, off the caller's path).
    ~async_connection();

    // Runs a retort statement (the same types as connection::execute) and gives the same
    // results: buffered_result rows (all(), first(), one(), scalar()...) or an
    // execution_result (rowcount(), inserted_primary_key()). Defined in async/execute.hpp.
    // The statement and values are copied into the coroutine: temporaries are safe.
    template <class Statement, class... Args>
    // execute(stream_results(select(...), n)) gives the rows n at a time, each batch awaited
    // (async/streamed_result.hpp).
    boost::asio::awaitable<async_detail::execute_result_t<Statement>> execute(Statement statement, Args... named);
    // Runs insert_rows(...) or update_rows(...) for every row of `rows` (tuples or structs), as
    // connection::execute_many (the same rules, batches and result). Outside begin() the call
    // is one transaction: every row or none. Defined in async/execute_many.hpp.
    template <class Statement, class Rows>
    boost::asio::awaitable<async_detail::execute_many_result_t<Statement>> execute_many(Statement statement,
                                                                                        const Rows& rows,
                                                                                        bulk_options options = {});
    // SQL text as is: DDL, SET, PRAGMA (one statement, no parameters).
    boost::asio::awaitable<void> exec_driver_sql(std::string_view sql);

    boost::asio::awaitable<void> begin();
    // Commits the transaction begin() opened (nothing to do outside one).
    boost::asio::awaitable<void> commit();
    boost::asio::awaitable<void> rollback();
    bool in_transaction() const noexcept { return in_transaction_; }

    // Returns the connection to the pool now; further use throws resource_closed_error.
    void close() noexcept;
    bool closed() const noexcept { return !pooled_; }
    // Discards the underlying connection: the pool opens a new one.
    void invalidate() noexcept;
    dialect_kind dialect() const noexcept { return dialect_; }

    // Executor plumbing for async/execute.hpp.
    async_detail::driver_connection& live();
    // driver_connection::run with the engine's echo and execute events around it.
    boost::asio::awaitable<void> run(driver::statement& s, std::size_t key, std::string_view sql, params_text_fn params,
                                     bool shares_sync, std::chrono::milliseconds timeout = {});
    // The report of one execute_many() call (async/bulk_trace.hpp); null when the engine has
    // neither echo nor execute listeners.
    std::unique_ptr<async_detail::bulk_trace> trace_bulk();

private:
    std::shared_ptr<async_detail::engine_core> core_;
    std::unique_ptr<async_detail::pooled_connection> pooled_;
    dialect_kind dialect_ = dialect_kind::sqlite;
    bool in_transaction_ = false;
};

}  // namespace retort
