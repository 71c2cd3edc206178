#pragma once
// connection::execute_many(bulk statement, rows): see stmt/bulk.hpp.
#include <retort/core/rule.hpp>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include <retort/core/function_ref.hpp>
#include <retort/engine/copy_format.hpp>
#include <retort/engine/execute.hpp>
#include <retort/engine/row_range.hpp>
#include <retort/stmt/bulk.hpp>

namespace retort {

namespace detail {

template <class T>
struct is_bulk_insert : std::false_type {};
template <class T, class R, class... Cs>
struct is_bulk_insert<bulk_insert_statement<T, R, Cs...>> : std::true_type {};
template <class T>
struct is_bulk_update : std::false_type {};
template <class T, class K, class S>
struct is_bulk_update<bulk_update_statement<T, K, S>> : std::true_type {};

// The echo line of one execute_many() call, the synchronous and the asynchronous engine's
// (lib/execute_many.cpp).
std::string bulk_summary_text(std::int64_t rows, std::int64_t batches, std::chrono::steady_clock::duration took,
                              std::string_view what);

// What one execute_many() call did, echoed as one line instead of each batch's SQL
// (a batch of 1,000 rows is a statement of thousands of characters):
//   [retort.engine] execute_many: 2500 rows in 3 batches in 0.012345s: INSERT INTO "t" ("a") VALUES (?)
struct bulk_progress {
    connection& conn;
    const bulk_options& options;
    std::int64_t total;
    std::int64_t done = 0;
    std::int64_t batches = 0;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

    void batch_done(std::int64_t rows) {
        done += rows;
        ++batches;
        if (options.progress) options.progress(done, total);
    }
    void echo_summary(std::string_view what) const {
        if (!conn.echo_enabled()) return;
        conn.echo(bulk_summary_text(done, batches, std::chrono::steady_clock::now() - start, what));
    }
};

// Tags giving a full batch of a bulk INSERT its own prepared-statement key.
template <class S, class D>
struct full_batch {};

// The INSERTs insert_rows() sends for `rows`, in order: send(sql, key, batch) for each, with
// `batch` the rows of one multi-row INSERT (at most batch_rows<D>). Full batches share one
// text and prepared-statement key; the last, shorter one is uncached. Shared by the
// synchronous and the asynchronous executor.
template <class S, class D, class Rows, class Send>
void for_each_insert_batch(const S& statement, const Rows& rows, Send&& send) {
    using row = row_of<Rows>;
    constexpr std::size_t batch = S::template batch_rows<D>;
    static const std::string full_text = statement.template text<D>(batch);
    std::vector<const row*> pending;
    pending.reserve(batch);
    auto flush = [&] {
        if (pending.empty()) return;
        const bool full = pending.size() == batch;
        std::string partial_text;
        if (!full) partial_text = statement.template text<D>(pending.size());
        const std::string_view sql = full ? std::string_view(full_text) : std::string_view(partial_text);
        send(sql, full ? statement_key<full_batch<S, D>>.get() : driver::uncached, std::span<const row* const>(pending));
        pending.clear();
    };
    for (const row& r : rows) {
        pending.push_back(&r);
        if (pending.size() == batch) flush();
    }
    flush();
}

// One batch's parameters: its rows' values, row after row.
template <class S, class B, class Row>
void bind_batch(B& binder, std::span<const Row* const> batch) {
    for (const Row* r : batch) S::bind_row(binder, *r);
}
template <class S, class Row>
std::vector<std::string> batch_params_text(std::span<const Row* const> batch) {
    std::vector<std::string> text;
    text_value_binder binder(text);
    bind_batch<S>(binder.get(), batch);
    return text;
}

template <class S, class D, class Rows, class Out>
std::int64_t insert_batches(connection& conn, const S& statement, const Rows& rows, Out* returned,
                            bulk_progress& progress) {
    using row = row_of<Rows>;
    std::int64_t count = 0;
    for_each_insert_batch<S, D>(statement, rows, [&](std::string_view sql, std::size_t key,
                                                      std::span<const row* const> pending) {
        const auto params_lambda = [&] { return batch_params_text<S>(pending); };
        const params_text_fn params(params_lambda);
        driver::statement_handle handle = conn.prepare(key, sql);
        {
            value_binder binder(*handle, D::kind);
            try {
                bind_batch<S>(binder, pending);
            } catch (...) {
                handle.reset();
                conn.rethrow_with(sql, params, pending.size());
            }
            conn.run(*handle, sql, params, pending.size(), false);
        }
        if constexpr (S::returns_rows) {
            try {
                while (handle->next()) {
                    typename S::row_type r{};
                    read_row(r, *handle);
                    returned->push_back(std::move(r));
                }
            } catch (...) {
                handle.reset();
                conn.rethrow_with(sql, params, pending.size());
            }
        }
        count += handle->rows_affected();
        progress.batch_done(static_cast<std::int64_t>(pending.size()));
    });
    progress.echo_summary(statement.template text<D>(1));
    return count;
}

// PostgreSQL COPY's rows for a driver's copy_in, the synchronous and the asynchronous one:
// each call appends the next row's line in text format (no newline), false when none is left.
// on_batch(rows) is told every batch_rows rows written, and finish() tells it the rest (once
// even when there were none, as VALUES does), giving the count.
template <class S, class Rows>
class copy_row_source {
public:
    copy_row_source(const Rows& rows, function_ref<void(std::int64_t)> on_batch)
        : it_(std::ranges::begin(rows)), end_(std::ranges::end(rows)), on_batch_(on_batch) {}

    bool operator()(std::string& buffer) {
        if (it_ == end_) return false;
        writer_.start(buffer);
        S::bind_row(writer_, *it_);
        ++it_;
        if (++count_ - reported_ == progress_every) {
            on_batch_(count_ - reported_);
            reported_ = count_;
        }
        return true;
    }
    std::int64_t finish() {
        if (count_ > reported_ || count_ == 0) on_batch_(count_ - reported_);
        reported_ = count_;
        return count_;
    }

private:
    static constexpr std::int64_t progress_every = S::template batch_rows<postgresql>;
    rows_iterator<Rows> it_;
    rows_sentinel<Rows> end_;
    function_ref<void(std::int64_t)> on_batch_;
    copy_line_writer writer_;
    std::int64_t count_ = 0;
    std::int64_t reported_ = 0;
};

template <class S, class Rows>
std::int64_t copy_rows(driver::connection& dbapi, const Rows& rows, bulk_progress& progress) {
    const std::vector<std::string> columns = S::quoted_column_names();
    const auto batch_done = [&](std::int64_t n) { progress.batch_done(n); };
    copy_row_source<S, Rows> source(rows, batch_done);
    dbapi.copy_in(S::quoted_table_name(), columns, [&](std::string& buffer) { return source(buffer); });
    const std::int64_t count = source.finish();
    progress.echo_summary(copy_from_stdin_sql(S::quoted_table_name(), columns));
    return count;
}

// execute_many()'s rules, the synchronous and the asynchronous connection's alike: true when
// they hold (a broken one is its own compile error).
template <class S, class Rows>
constexpr bool execute_many_rules() {
    RETORT_RULE("retort: execute_many() runs insert_rows(...) and update_rows(...) statements",
                is_bulk_insert<S>::value || is_bulk_update<S>::value);
    RETORT_RULE("retort: execute_many() needs a range of rows (tuples or structs)",
                row_range<Rows>);
    if constexpr (!(is_bulk_insert<S>::value || is_bulk_update<S>::value) || !row_range<Rows>) {
        return false;
    } else {
        S::template check_rows<row_of<Rows>>();
        return true;
    }
}

}  // namespace detail

template <class Statement, class Rows>
auto connection::execute_many(const Statement& statement, const Rows& rows, bulk_options options) {
    return execute_many_in<void>(statement, rows, options);
}

// Dialect: as for execute_in(); a typed engine's connection renders and binds for its own only.
template <class Dialect, class Statement, class Rows>
auto connection::execute_many_in(const Statement& statement, const Rows& rows, bulk_options options) {
    if constexpr (!detail::execute_many_rules<Statement, Rows>()) {
        return std::int64_t{0};  // after a broken rule: one error, no cascade
    } else {
        return execute_many_checked<Dialect>(statement, rows, options);
    }
}

template <class Dialect, class S, class Rows>
auto connection::execute_many_checked(const S& statement, const Rows& rows, bulk_options options) {
    using row = detail::row_of<Rows>;

    // A savepoint: a failing row undoes every row of this call, and nothing else.
    nested_transaction savepoint = begin_nested();
    detail::bulk_progress progress{*this, options, static_cast<std::int64_t>(std::ranges::distance(rows))};
    auto finish = [&](auto value) {
        savepoint.commit();
        return value;
    };
    if constexpr (detail::is_bulk_insert<S>::value) {
        using out_type = std::conditional_t<S::returns_rows, std::vector<typename S::row_type>, std::int64_t>;
        std::vector<std::conditional_t<S::returns_rows, typename S::row_type, int>> returned;
        std::int64_t count = 0;
        [[maybe_unused]] const bool copy = options.method == bulk_method::copy && !S::returns_rows;
        if constexpr (std::is_same_v<Dialect, sqlite>) {
            // VALUES: SQLite has no COPY
            count = detail::insert_batches<S, sqlite>(*this, statement, rows, &returned, progress);
        } else if constexpr (std::is_same_v<Dialect, postgresql>) {
            if (copy) count = detail::copy_rows<S>(dbapi(), rows, progress);
            else count = detail::insert_batches<S, postgresql>(*this, statement, rows, &returned, progress);
        } else if (copy && dialect() == dialect_kind::postgresql) {
            count = detail::copy_rows<S>(dbapi(), rows, progress);
        } else if (dialect() == dialect_kind::postgresql) {
            count = detail::insert_batches<S, postgresql>(*this, statement, rows, &returned, progress);
        } else {
            count = detail::insert_batches<S, sqlite>(*this, statement, rows, &returned, progress);
        }
        if constexpr (S::returns_rows) return finish(out_type(std::move(returned)));
        else return finish(out_type(count));
    } else {
        std::string_view sql;
        if constexpr (std::is_void_v<Dialect>) sql = sql_text(dialect(), statement);
        else sql = sql_text<Dialect>(statement);
        driver::statement_handle handle = prepare(detail::statement_key<S>.get(), sql);
        std::int64_t count = 0;
        for (const row& r : rows) {
            const auto params_lambda = [&] {
                std::vector<std::string> text;
                detail::text_value_binder binder(text);
                S::bind_row(binder.get(), r);
                return text;
            };
            const params_text_fn params(params_lambda);
            {
                detail::value_binder binder(*handle, dialect());
                S::bind_row(binder, r);
                run(*handle, sql, params, false);
            }
            count += handle->rows_affected();
            handle->finish();
            progress.batch_done(1);
        }
        progress.echo_summary(sql);
        return finish(count);
    }
}

}  // namespace retort
