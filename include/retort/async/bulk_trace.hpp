#pragma once
// What one execute_many() call on the asynchronous PostgreSQL connection reports, as
// connection::execute_many does: the execute events around each batch (before it is sent,
// after its result arrives) and one echo line for the whole call. SQLite's execute_many runs
// through the synchronous connection, which reports it itself.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

namespace detail {
class engine_state;
class execution_trace;
}  // namespace detail

namespace async_detail {

class bulk_trace {
public:
    explicit bulk_trace(detail::engine_state& state);
    bulk_trace(const bulk_trace&) = delete;
    bulk_trace& operator=(const bulk_trace&) = delete;
    ~bulk_trace();

    // The next batch is about to be sent: the before_execute listeners (batches are numbered
    // in the order sent). `sql` must outlive the trace.
    void sending(std::string_view sql, std::vector<std::string> params);
    // Batch i's result has arrived: its after_execute listeners. A batch that fails gets none,
    // as on the synchronous connection.
    void received(std::size_t i);
    // The call is done: "execute_many: 2500 rows in 3 batches in 0.012345s: <what>".
    void finished(std::int64_t rows, std::int64_t batches, std::string_view what);

private:
    detail::engine_state& state_;
    std::vector<std::unique_ptr<detail::execution_trace>> batches_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace async_detail
}  // namespace retort
