#pragma once
// connection::execute(statement): the statement's text is a compile-time constant per
// dialect, its prepared statement is found by an index derived from its type (no
// hashing of SQL text), its values are bound straight from the statement object.
#include <retort/core/rule.hpp>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/engine/engine.hpp>
#include <retort/engine/bound_values.hpp>
#include <retort/engine/result.hpp>
#include <retort/render/sql_text.hpp>
#include <retort/stmt/insert.hpp>
#include <retort/stmt/text_clause.hpp>

namespace retort {

namespace detail {

// A dense index per statement type: the connection's prepared statements are a vector
// indexed by it. Given out on a statement's first execution: a constant-initialized slot per
// type (no guard, no static constructor), read with one load after that.
class statement_key_slot {
public:
    std::size_t get() noexcept {
        const std::size_t key = key_plus_one_.load(std::memory_order_relaxed);
        if (key != 0) [[likely]]
            return key - 1;
        return assign();
    }

private:
    std::size_t assign() noexcept;  // lib/connection.cpp: the first to store wins a race
    std::atomic<std::size_t> key_plus_one_{0};
};
template <class Statement>
inline constinit statement_key_slot statement_key{};

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

// A single-row INSERT whose key is the row's id, read after it rather than returned
// (SQLite's rowid): one library call runs it (connection::execute_insert_row_id).
template <class S, bool Insert = is_insert<S>::value>
struct keyed_by_row_id : std::false_type {};
template <class S>
struct keyed_by_row_id<S, true> : std::bool_constant<std::is_integral_v<typename inserted_key<S>::type>> {};
// For dialect D (false for void); for a dialect known at run time, ask with `kind`.
template <class D, class S>
constexpr bool inserts_by_row_id() {
    if constexpr (std::is_void_v<D> || !keyed_by_row_id<S>::value) return false;
    else return !S::template returns_primary_key<D>;
}
template <class S>
bool inserts_by_row_id(dialect_kind kind) {
    return kind == dialect_kind::postgresql ? inserts_by_row_id<postgresql, S>() : inserts_by_row_id<sqlite, S>();
}
template <class S>
auto row_id_result(driver::inserted_row row) {
    using key_type = typename inserted_key<S>::type;
    return execution_result<key_type>(row.rowcount, static_cast<key_type>(row.id), row.rowcount > 0);
}

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
    RETORT_RULE("retort: stream_results() is for statements that return rows",
                S::returns_rows);
    return streamed_statement<S>{statement, yield_per};
}

namespace detail {
// A statement given in a wrapper (streamed_statement, timed_statement): whether T is one, and
// the statement inside (the statement itself when it is not wrapped).
template <class T, template <class> class Wrapper>
struct is_wrapped_in : std::false_type {
    using inner = T;
};
template <class S, template <class> class Wrapper>
struct is_wrapped_in<Wrapper<S>, Wrapper> : std::true_type {
    using inner = S;
};
template <template <class> class Wrapper, class T>
const auto& unwrapped(const T& s) {
    if constexpr (is_wrapped_in<T, Wrapper>::value) return s.statement;
    else return s;
}

template <class T>
using is_streamed = is_wrapped_in<T, streamed_statement>;
}  // namespace detail

// A statement run with its own statement timeout (see engine_options::statement_timeout):
//   conn.execute(with_timeout(select(events).where(...), std::chrono::seconds(2)))
// On SQLite the timeout covers execute() (the first row); rows read later run without it.
template <class S>
struct timed_statement {
    S statement;
    std::chrono::milliseconds timeout;
};
template <class S>
constexpr auto with_timeout(const S& statement, std::chrono::milliseconds timeout) {
    return timed_statement<S>{statement, timeout};
}

namespace detail {

template <class T>
using is_timed = is_wrapped_in<T, timed_statement>;

// The text `statement` runs with: its compile-time constant for the dialect, or, for a
// statement with a dynamic part, rendered now into `owned` (and then not cached).
// Dialect is the engine's when known at compile time; void: `kind` decides at run time.
// `auto`: instantiated where execute() is called, so that a dialect's rule broken here is
// reported with the caller's line (clang names none for a body instantiated at the end).
template <class Dialect, class S>
auto statement_sql(const S& statement, dialect_kind kind, std::unique_ptr<const std::string>& owned) {
    // Whether a statement has a dynamic part is the same in every dialect: asked of the
    // engine's, so a typed engine renders no other.
    using shape_dialect = std::conditional_t<std::is_void_v<Dialect>, postgresql, Dialect>;
    if constexpr (statement_text<shape_dialect, S>::dynamic) {
        if constexpr (std::is_void_v<Dialect>)
            owned = std::make_unique<const std::string>(kind == dialect_kind::postgresql ? render_runtime<postgresql>(statement)
                                                                                         : render_runtime<sqlite>(statement));
        else
            owned = std::make_unique<const std::string>(render_runtime<Dialect>(statement));
        return std::string_view(*owned);
    } else if constexpr (std::is_void_v<Dialect>) {
        return std::string_view(sql_text(kind, statement));
    } else {
        return detail::checked_static_text<Dialect, S>;
    }
}

// What execute() returns once statement S has run on `handle`: its rows (read through
// `conn`, which may be null when nothing but the SQL needs attaching to a read error), or
// the rows changed and the key an INSERT made. `fail` is called inside a catch block and
// throws the error in flight with SQL and parameters attached. Shared by the synchronous
// and the asynchronous executor.
template <class Dialect, class S, class Fail>
auto execution_outcome(driver::statement_handle&& handle, dialect_kind kind, connection* conn, std::string_view sql,
                       std::unique_ptr<const std::string>&& owned_sql, Fail&& fail) {
    if constexpr (S::returns_rows) {
        return result<typename S::row_type>(std::move(handle), conn, sql, std::move(owned_sql));
    } else if constexpr (is_insert<S>::value) {
        using key_type = typename inserted_key<S>::type;
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
                        key = read_key<key_type>(*handle, std::make_index_sequence<S::primary_key::size>{});
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
                fail();
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

}  // namespace detail

template <class Given, class... Args>
auto connection::execute(const Given& given, const Args&... named) {
    return execute_in<void>(given, named...);
}

template <class S, class... Args>
auto connection::execute(const timed_statement<S>& timed, const Args&... named) {
    // The connection's timeout again afterwards, also when the statement throws.
    struct restore {
        connection& conn;
        std::chrono::milliseconds before;
        ~restore() {
            try {
                conn.set_statement_timeout(before);
            } catch (...) {  // a lost connection: the pool's next one has the engine's timeout
            }
        }
    };
    const std::chrono::milliseconds before = statement_timeout();
    set_statement_timeout(timed.timeout);
    const restore guard{*this, before};
    return execute_in<void>(timed.statement, named...);
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
// SQL text (text_clause) declares its columns; the database says how many it returns
// (lib/execute.cpp).
void check_declared_columns(driver::statement& s, std::size_t declared, std::string_view sql);
}  // namespace detail

// Dialect is the engine's when it is known at compile time (create_engine<sqlite>): only
// its text is instantiated, and a statement it cannot run does not compile. void: the
// dialect is the engine's at run time, and a statement it cannot run throws.
template <class Dialect, class Given, class... Args>
auto connection::execute_in(const Given& given, const Args&... named) {
    constexpr bool streaming = detail::is_streamed<Given>::value;
    // The statement inside a stream_results() wrapper, reached without a function of its own
    // (each function a statement instantiates costs its compile time).
    using S = typename detail::is_streamed<Given>::inner;
    const S* statement_address;
    if constexpr (streaming) statement_address = &given.statement;
    else statement_address = &given;
    const S& statement = *statement_address;
    // SQL text (text_clause) checks execute()'s arguments against its :name parameters itself.
    constexpr bool checks_own_arguments = requires { std::declval<const S&>().template check_arguments<Args...>(); };
    // What the text holds besides its words (its bindparams, whether it has a dynamic part) is
    // the same in every dialect: asked of the engine's, so a typed engine renders no other.
    using shape_dialect = std::conditional_t<std::is_void_v<Dialect>, postgresql, Dialect>;
    RETORT_RULE("retort: execute() is given arg<\"name\"> for a bindparam the statement does not have; check the name",
                checks_own_arguments ||
                    (statement_text<shape_dialect, S>::template has_bindparam<std::remove_cvref_t<Args>::name> && ...));
    const dialect_kind kind = dialect();
    if constexpr (checks_own_arguments) statement.template check_arguments<Args...>();
    // A statement with a dynamic part is rendered now and not cached; any other has a
    // compile-time text and a prepared statement found by its type (see statement_sql).
    [[maybe_unused]] constexpr bool dynamic = statement_text<shape_dialect, S>::dynamic;
    std::unique_ptr<const std::string> dynamic_text;
    std::string_view sql;  // (a typed engine's static text read here: no function per statement)
    if constexpr (!dynamic && !std::is_void_v<Dialect>) sql = detail::checked_static_text<Dialect, S>;
    else sql = detail::statement_sql<Dialect>(statement, kind, dynamic_text);
    const std::tuple<const Args&...> args(named...);
    const detail::bound_values values{&detail::bind_statement<S, const Args&...>, &statement, &args};
    const std::size_t key = streaming || dynamic ? driver::uncached : detail::statement_key<S>.get();
    // An UPDATE or DELETE is one call into the library.
    if constexpr (!S::returns_rows && !detail::is_insert<S>::value && !streaming) {
        return execution_result<void>(execute_rowcount(key, sql, values));
    } else if constexpr (!streaming && detail::inserts_by_row_id<Dialect, S>()) {
        // So is an INSERT whose key is the row's id.
        return detail::row_id_result<S>(execute_insert_row_id(key, sql, values));
    } else {
        if constexpr (std::is_void_v<Dialect> && !streaming && detail::keyed_by_row_id<S>::value) {
            if (detail::inserts_by_row_id<S>(kind)) return detail::row_id_result<S>(execute_insert_row_id(key, sql, values));
        }
        std::optional<int> yield_per;
        if constexpr (streaming) yield_per = given.yield_per;
        driver::statement_handle handle = execute_bound(key, sql, values, yield_per);
        // SQL text (text_clause) declares its columns: the database must return that many.
        if constexpr (requires { S::declared_columns; }) {
            if constexpr (S::returns_rows && S::declared_columns > 0 && !streaming) {
                try {
                    detail::check_declared_columns(*handle, S::declared_columns, sql);
                } catch (...) {
                    handle.reset();
                    throw;
                }
            }
        }
        // Rows are made here, not in execution_outcome(): one function fewer a select.
        if constexpr (S::returns_rows)
            return result<typename S::row_type>(std::move(handle), this, sql, std::move(dynamic_text));
        else
            return detail::execution_outcome<Dialect, S>(std::move(handle), kind, this, sql, std::move(dynamic_text),
                                                         [&] { rethrow_with(sql, values); });
    }
}

}  // namespace retort
