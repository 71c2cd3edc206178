#pragma once
// async_connection::execute_many(bulk statement, rows): connection::execute_many, awaited.
// SQLite runs the synchronous one on the connection's thread. PostgreSQL sends the same batches
// (engine/execute_many.hpp makes them) all at once in the pipeline, framed by BEGIN and
// COMMIT outside begin() (by a savepoint inside): one round trip's wait for the whole call,
// every row or none. bulk_method::copy is a COPY FROM STDIN there, framed the same way.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include <retort/async/async_connection.hpp>
#include <retort/engine/execute_many.hpp>

namespace retort {

namespace async_detail {

// bulk_method::copy on PostgreSQL: the rows in the synchronous engine's COPY text, with its
// progress reports (every batch_rows rows written, and at the end).
template <class S, class Rows>
boost::asio::awaitable<std::int64_t> copied_execute_many(driver_connection& link, const Rows& rows,
                                                         const bulk_options& options, bool as_transaction,
                                                         bulk_trace* trace) {
    const std::string table = S::quoted_table_name();
    const std::vector<std::string> columns = S::quoted_column_names();
    const auto total = static_cast<std::int64_t>(std::ranges::distance(rows));
    std::int64_t done = 0;
    std::int64_t batches = 0;
    const auto batch_done = [&](std::int64_t n) {
        done += n;
        ++batches;
        if (options.progress) options.progress(done, total);
    };
    detail::copy_row_source<S, Rows> source(rows, batch_done);
    const auto next_row = [&](std::string& line) { return source(line); };
    co_await link.copy_in(table, columns, next_row, as_transaction);
    const std::int64_t count = source.finish();
    // As the synchronous COPY: one echo line, no execute events (COPY is not a statement).
    if (trace != nullptr) trace->finished(count, batches, detail::copy_from_stdin_sql(table, columns));
    co_return count;
}

template <class S, class Rows>
boost::asio::awaitable<execute_many_result_t<S>> pipelined_execute_many(driver_connection& link, const S& statement,
                                                                        const Rows& rows, const bulk_options& options,
                                                                        bool as_transaction, bulk_trace* trace) {
    using row = detail::row_of<Rows>;
    // One statement of the pipeline: a multi-row INSERT, or one row's UPDATE.
    struct batch {
        driver::statement_handle handle;
        std::size_t key;
        std::string sql;
        std::vector<const row*> rows;
    };
    std::vector<batch> batches;
    const auto add = [&](std::string_view sql, std::size_t key, std::span<const row* const> batch_rows) {
        batch b{link.statement(sql), key, std::string(sql), {batch_rows.begin(), batch_rows.end()}};
        detail::value_binder binder(*b.handle, dialect_kind::postgresql);
        try {
            detail::bind_batch<S>(binder, std::span<const row* const>(b.rows));
        } catch (...) {
            const auto params_lambda = [&] { return detail::batch_params_text<S>(std::span<const row* const>(b.rows)); };
            b.handle.reset();
            rethrow_with(sql, params_text_fn(params_lambda));
        }
        batches.push_back(std::move(b));
    };
    std::string what;  // what the echo line shows of the call
    if constexpr (detail::is_bulk_insert<S>::value) {
        detail::for_each_insert_batch<S, postgresql>(statement, rows, add);
        what = statement.template text<postgresql>(1);
    } else {
        const std::string_view sql = sql_text<postgresql>(statement);
        what = std::string(sql);
        for (const row& r : rows) {
            const row* one = &r;
            add(sql, detail::statement_key<S>.get(), std::span<const row* const>(&one, 1));
        }
    }

    std::vector<pipelined_statement> pipeline;
    pipeline.reserve(batches.size());
    for (auto& b : batches) pipeline.push_back({&*b.handle, b.key, b.sql});
    const auto total = static_cast<std::int64_t>(std::ranges::distance(rows));
    std::int64_t done = 0;
    std::int64_t count = 0;
    std::vector<std::conditional_t<S::returns_rows, typename S::row_type, int>> returned;
    const auto received = [&](std::size_t i) {
        batch& b = batches[i];
        if constexpr (S::returns_rows) {
            while (b.handle->next()) {
                typename S::row_type r{};
                detail::read_row(r, *b.handle);
                returned.push_back(std::move(r));
            }
        }
        count += b.handle->rows_affected();
        b.handle.reset();  // its result is read: freed now, not at the end
        done += static_cast<std::int64_t>(b.rows.size());
        if (trace != nullptr) trace->received(i);
        if (options.progress) options.progress(done, total);
    };
    const auto params_of = [&](std::size_t i) {
        return detail::batch_params_text<S>(std::span<const row* const>(batches[i].rows));
    };
    if (trace != nullptr)
        for (std::size_t i = 0; i < batches.size(); ++i) trace->sending(batches[i].sql, params_of(i));
    try {
        co_await link.run_pipelined(pipeline, as_transaction, received, params_of);
    } catch (statement_error& e) {
        // A batch's values are its rows', S::width each: shown as rows, as connection::execute_many does.
        if constexpr (detail::is_bulk_insert<S>::value) {
            if (e.params_per_set() == e.params().size()) e.set_params(std::vector<std::string>(e.params()), S::width);
        }
        throw;
    }
    if (trace != nullptr) trace->finished(done, static_cast<std::int64_t>(batches.size()), what);
    if constexpr (S::returns_rows) co_return execute_many_result_t<S>(std::move(returned));
    else co_return count;
}

}  // namespace async_detail

template <class Statement, class Rows>
boost::asio::awaitable<async_detail::execute_many_result_t<Statement>> async_connection::execute_many(
    Statement statement, const Rows& rows, bulk_options options) {
    using out_type = async_detail::execute_many_result_t<Statement>;
    if constexpr (!detail::execute_many_rules<Statement, Rows>()) {
        co_return out_type{};  // after a broken rule: one error, no cascade
    } else {
        async_detail::driver_connection& link = live();
        const bool in_transaction = in_transaction_;
        if (dialect_ == dialect_kind::sqlite) {
            // The synchronous execute_many on the connection's thread (its progress callback runs
            // there); outside begin() the call is its own transaction, committed there.
            std::optional<out_type> out;
            co_await link.offload([&](connection& sync) {
                async_detail::autocommitted(sync, in_transaction,
                                            [&] { out.emplace(sync.execute_many(statement, rows, options)); });
            });
            co_return std::move(*out);
        } else {
            // A named local, not a temporary of the co_await expression (g++ 12 mishandles those).
            const std::unique_ptr<async_detail::bulk_trace> trace = trace_bulk();
            // As connection::execute_many: COPY returns no rows, so RETURNING loads by VALUES.
            if constexpr (detail::is_bulk_insert<Statement>::value && !Statement::returns_rows) {
                if (options.method == bulk_method::copy)
                    co_return co_await async_detail::copied_execute_many<Statement>(link, rows, options, !in_transaction,
                                                                                   trace.get());
            }
            co_return co_await async_detail::pipelined_execute_many(link, statement, rows, options, !in_transaction,
                                                                    trace.get());
        }
    }
}

}  // namespace retort
