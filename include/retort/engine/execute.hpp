#pragma once
// connection::execute(statement): the statement's text is a compile-time constant per
// dialect, its prepared statement is found by an index derived from its type (no
// hashing of SQL text), its values are bound straight from the statement object.
#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/engine/engine.hpp>
#include <retort/engine/params_text.hpp>
#include <retort/engine/result.hpp>
#include <retort/engine/statement_binder.hpp>
#include <retort/render/sql_text.hpp>
#include <retort/stmt/insert.hpp>
#include <retort/stmt/text_clause.hpp>

namespace retort {

namespace detail {

inline std::size_t next_statement_key() noexcept {
    static std::atomic<std::size_t> next{0};
    return next.fetch_add(1, std::memory_order_relaxed);
}

// A dense index per statement type: the connection's prepared statements are a vector
// indexed by it.
template <class Statement>
std::size_t statement_key() noexcept {
    static const std::size_t key = next_statement_key();
    return key;
}

template <class T>
struct is_insert : std::false_type {};
template <class T, class R, class Ret, class C>
struct is_insert<insert_statement<T, R, Ret, C>> : std::true_type {};

template <class Columns>
struct key_value;
template <class C>
struct key_value<tl::list<C>> {
    using type = typename C::sql_type::value_type;
};
template <class C1, class C2, class... Cs>
struct key_value<tl::list<C1, C2, Cs...>> {
    using type = std::tuple<typename C1::sql_type::value_type, typename C2::sql_type::value_type,
                            typename Cs::sql_type::value_type...>;
};

// What inserted_primary_key() gives: the key's value, a tuple for a composite key,
// nothing for a table without a key or an INSERT of several rows.
template <class S, bool Known = (S::primary_key::size > 0 && S::row_count <= 1 && !S::returns_rows)>
struct inserted_key {
    using type = void;
};
template <class S>
struct inserted_key<S, true> {
    using type = typename key_value<typename S::primary_key>::type;
};

template <class Key, std::size_t... I>
Key read_key(driver::statement& s, std::index_sequence<I...>) {
    if constexpr (sizeof...(I) == 1) return value_traits<Key>::read(s, 0);
    else return Key{value_traits<std::tuple_element_t<I, Key>>::read(s, static_cast<int>(I))...};
}

}  // namespace detail

// A query whose rows are streamed from the server `yield_per` at a time, for results too
// large to hold (SQLAlchemy's stream_results / yield_per):
//   for (const auto& row : conn.execute(stream_results(select(events), 5000))) ...
template <class S>
struct streamed_statement {
    S statement;
    int yield_per;
};
template <class S>
constexpr auto stream_results(const S& statement, int yield_per = 1000) {
    static_assert(S::returns_rows, "retort: stream_results() is for statements that return rows");
    return streamed_statement<S>{statement, yield_per};
}

namespace detail {
template <class T>
struct is_streamed : std::false_type {};
template <class S>
struct is_streamed<streamed_statement<S>> : std::true_type {};
template <class T>
const auto& underlying_statement(const T& s) {
    if constexpr (is_streamed<T>::value) return s.statement;
    else return s;
}
}  // namespace detail

template <class Given, class... Args>
auto connection::execute(const Given& given, const Args&... named) {
    return execute_in<void>(given, named...);
}

template <class Statement, class... Args>
auto connection::scalar(const Statement& statement, const Args&... named) {
    return execute(statement, named...).scalar();
}
template <class Statement, class... Args>
auto connection::scalars(const Statement& statement, const Args&... named) {
    return execute(statement, named...).scalars();
}

namespace detail {
// SQL text (text_clause) declares its columns; the database says how many it returns.
inline void check_declared_columns(driver::statement& s, std::size_t declared, std::string_view sql) {
    const int returned = s.column_count();
    if (static_cast<std::size_t>(returned) != declared)
        throw invalid_request_error(".columns() declares " + std::to_string(declared) + " columns; the SQL text returns " +
                                    std::to_string(returned) + "\n[SQL: " + std::string(sql) + "]");
}
}  // namespace detail

// Dialect is the engine's when it is known at compile time (create_engine<sqlite>): only
// its text is instantiated, and a statement it cannot run does not compile. void: the
// dialect is the engine's at run time, and a statement it cannot run throws.
template <class Dialect, class Given, class... Args>
auto connection::execute_in(const Given& given, const Args&... named) {
    constexpr bool streaming = detail::is_streamed<Given>::value;
    const auto& statement = detail::underlying_statement(given);
    using S = std::remove_cvref_t<decltype(statement)>;
    const dialect_kind kind = dialect();
    // SQL text (text_clause): execute()'s arguments against its :name parameters.
    if constexpr (requires { statement.template check_arguments<Args...>(); })
        statement.template check_arguments<Args...>();
    // A statement with a dynamic part is rendered now and not cached; any other has a
    // compile-time text and a prepared statement found by its type.
    constexpr bool dynamic = statement_text<postgresql, S>::dynamic;
    std::unique_ptr<const std::string> dynamic_text;
    std::string_view sql;
    if constexpr (dynamic) {
        if constexpr (std::is_void_v<Dialect>)
            dynamic_text = std::make_unique<const std::string>(kind == dialect_kind::postgresql ? render_runtime<postgresql>(statement)
                                                                                                : render_runtime<sqlite>(statement));
        else
            dynamic_text = std::make_unique<const std::string>(render_runtime<Dialect>(statement));
        sql = *dynamic_text;
    } else if constexpr (std::is_void_v<Dialect>) {
        sql = sql_text(kind, statement);
    } else {
        sql = sql_text<Dialect>(statement);
    }
    const std::tuple<const Args&...> args(named...);
    const auto params_lambda = [&] { return detail::params_text(statement, args); };
    const params_text_fn params(params_lambda);

    driver::statement_handle handle = [&] {
        if constexpr (streaming) return prepare_streaming(sql, given.yield_per);
        else return prepare(dynamic ? driver::uncached : detail::statement_key<S>(), sql);
    }();
    {
        // Without echo or execute listeners (the usual case) the statement runs right here,
        // in the same try block as its binding: nothing else on the path of every execution.
        const bool hooks = execute_hooks();
        detail::statement_binder<const Args&...> binder(*handle, kind, args);
        try {
            statement.bind(binder);
            if (!hooks) [[likely]]
                handle->execute();
        } catch (...) {
            handle.reset();
            rethrow_with(sql, params);
        }
        if (hooks) [[unlikely]]
            run(*handle, sql, params);
    }

    if constexpr (S::returns_rows) {
        if constexpr (requires { S::declared_columns; }) {
            if constexpr (S::declared_columns > 0 && !streaming) {
                try {
                    detail::check_declared_columns(*handle, S::declared_columns, sql);
                } catch (...) {
                    handle.reset();
                    throw;
                }
            }
        }
        return result<typename S::row_type>(std::move(handle), this, sql, std::move(dynamic_text));
    } else if constexpr (detail::is_insert<S>::value) {
        using key_type = typename detail::inserted_key<S>::type;
        if constexpr (std::is_void_v<key_type>) {
            const std::int64_t rowcount = handle->rows_affected();
            handle.reset();
            return execution_result<void>(rowcount);
        } else {
            key_type key{};
            bool known = false;
            std::int64_t rowcount = 0;
            bool returned;
            if constexpr (std::is_void_v<Dialect>)
                returned = kind == dialect_kind::postgresql ? S::template returns_primary_key<postgresql>
                                                            : S::template returns_primary_key<sqlite>;
            else
                returned = S::template returns_primary_key<Dialect>;
            try {
                if (returned) {
                    // SQLite counts a RETURNING statement's rows only once they are all read.
                    if (handle->next()) {
                        key = detail::read_key<key_type>(*handle, std::make_index_sequence<S::primary_key::size>{});
                        known = true;
                        while (handle->next()) {
                        }
                    }
                    rowcount = handle->rows_affected();
                } else {
                    rowcount = handle->rows_affected();
                    if constexpr (!std::is_same_v<key_type, std::tuple<>> && std::is_integral_v<key_type>) {
                        if (rowcount > 0) {
                            key = static_cast<key_type>(handle->last_insert_id());
                            known = true;
                        }
                    }
                }
            } catch (...) {
                handle.reset();
                rethrow_with(sql, params);
            }
            // The statement goes back first: the result is then made in the return registers,
            // not built on the stack and copied around the call (a store-forwarding stall each).
            handle.reset();
            return execution_result<key_type>(rowcount, std::move(key), known);
        }
    } else {
        const std::int64_t rowcount = handle->rows_affected();
        handle.reset();
        return execution_result<void>(rowcount);
    }
}

}  // namespace retort
