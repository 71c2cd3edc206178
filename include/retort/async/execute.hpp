#pragma once
// async_connection::execute(statement): the synchronous executor's pieces, awaited. The SQL
// text (compile-time per dialect), the binding visitor, the prepared-statement key and the
// result reader are the ones connection::execute uses (engine/execute.hpp).
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/asio/awaitable.hpp>

#include <retort/async/async_connection.hpp>
#include <retort/async/buffered_result.hpp>
#include <retort/async/streamed_result.hpp>
#include <retort/engine/execute.hpp>
#include <retort/stmt/read_only_statement.hpp>

namespace retort {

template <class Statement, class... Args>
boost::asio::awaitable<async_detail::execute_result_t<Statement>> async_connection::execute(Statement statement,
                                                                                          Args... named) {
    if constexpr (detail::is_streamed<Statement>::value) {
        co_return co_await async_detail::execute_result_t<Statement>::open(*this, in_transaction_, statement.statement,
                                                                           statement.yield_per, named...);
    } else {
        // with_timeout(s, ms): s, cancelled once it has run that long (statement_timeout_error).
        constexpr bool timed = detail::is_timed<Statement>::value;
        const auto& inner = detail::unwrapped<timed_statement>(statement);
        using S = std::remove_cvref_t<decltype(inner)>;
        using outcome = async_detail::outcome_t<S>;
        using buffered = detail::buffered<outcome>;
        async_detail::driver_connection& link = live();
        const dialect_kind kind = dialect_;

        if (kind == dialect_kind::sqlite) {
            // The synchronous executor, run on the connection's thread (a timed statement with
            // its timeout there); an execution outside begin() is its own transaction,
            // committed (or rolled back) there.
            std::optional<typename buffered::type> out;
            const bool in_transaction = in_transaction_;
            try {
                co_await link.offload([&](connection& sync) {
                    async_detail::autocommitted(sync, in_transaction, [&] {
                        auto outcome_value = sync.execute(statement, named...);
                        std::unique_ptr<const std::string> owned;
                        const std::string_view sql = detail::statement_sql<void>(inner, kind, owned);
                        out.emplace(buffered::make(std::move(outcome_value), sql, owned == nullptr));
                    });
                });
            } catch (...) {
                // The executor attached them, unless the statement was cancelled before it ran.
                std::unique_ptr<const std::string> owned;
                const std::string_view sql = detail::statement_sql<void>(inner, kind, owned);
                const std::tuple<const Args&...> args(named...);
                const detail::bound_values values = detail::bound_values_of(inner, args);
                async_detail::rethrow_with(sql, params_text_fn(values));
            }
            co_return std::move(*out);
        } else {
            constexpr bool dynamic = statement_text<postgresql, S>::dynamic;
            std::unique_ptr<const std::string> dynamic_text;
            const std::string_view sql = detail::statement_sql<void>(inner, kind, dynamic_text);
            const std::tuple<const Args&...> args(named...);
            const detail::bound_values values = detail::bound_values_of(inner, args);
            const params_text_fn params(values);
            driver::statement_handle handle = link.statement(sql);
            try {
                detail::value_binder binder(*handle, kind);
                values.bind_into(binder);
            } catch (...) {
                handle.reset();
                async_detail::rethrow_with(sql, params);
            }
            // Reads outside a transaction share their Sync with the reads sent beside them
            // (not a timed one: its cancel must not reach the reads of its group).
            const bool shares_sync = read_only_statement<S> && !in_transaction_ && !timed;
            std::chrono::milliseconds timeout{};
            if constexpr (timed) timeout = statement.timeout;
            co_await run(*handle, dynamic ? driver::uncached : detail::statement_key<S>.get(), sql, params, shares_sync,
                         timeout);
            auto outcome_value = detail::execution_outcome<void, S>(std::move(handle), kind, nullptr, sql,
                                                                    std::move(dynamic_text),
                                                                    [&] { async_detail::rethrow_with(sql, params); });
            co_return buffered::make(std::move(outcome_value), sql, !dynamic);
        }
    }
}

}  // namespace retort
