#pragma once
// Binds a statement's values, in text order, to a driver statement (each statement's
// bind() visits its values with a binder), or writes them as text for echo, events and
// error messages through a driver statement that writes text (lib/value_text_statement.cpp):
// one binder type and one path for both, so that each statement's bind() is compiled once and
// tests nothing a value.
#include <cstdint>
#include <forward_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/core/dialect_kind.hpp>
#include <retort/driver/statement.hpp>
#include <retort/driver/param_text.hpp>
#include <retort/driver/value_traits.hpp>
#include <retort/schema/list_text.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

namespace detail {

// Not templates, and out of line: compiled once in a unit, not in each statement's bind().
[[noreturn, gnu::noinline, gnu::cold]] inline void throw_out_of_range_for_sql(const std::string& value,
                                                                            std::string_view sql_type,
                                                                            std::int64_t min, std::int64_t max) {
    throw data_error("value " + value + " is out of range for " + std::string(sql_type) + " (" +
                         std::to_string(min) + " to " + std::to_string(max) + ")",
                     {});
}

// A value bound to a narrower SQL integer (an std::int64_t for an INTEGER column) must
// fit it: PostgreSQL refuses 5000000000 for INTEGER, and SQLite, which would store it,
// is held to the same rule, so that a later read of the row does not fail instead.
template <class SqlType>
concept integral_sql_type = requires { SqlType::category; } && SqlType::category == type_category::integral;
template <class SqlType, class V>
constexpr bool checks_fit =
    integral_sql_type<SqlType> && std::is_integral_v<V> && !std::is_same_v<V, bool> && !std::is_same_v<V, char>;
template <class SqlType, class T>
constexpr bool checks_fit<SqlType, std::optional<T>> = checks_fit<SqlType, T>;
template <class SqlType, class V>
bool fits_sql_type(const V& value) {
    if constexpr (is_optional_v<V>) {
        return !value || fits_sql_type<SqlType>(*value);
    } else if constexpr (checks_fit<SqlType, V>) {
        return std::in_range<typename SqlType::value_type>(value);
    } else {
        return true;
    }
}
template <class SqlType, class V>
[[noreturn, gnu::noinline, gnu::cold]] void throw_not_fitting(const V& value) {
    if constexpr (is_optional_v<V>) {
        throw_not_fitting<SqlType>(*value);
    } else {
        using limits = std::numeric_limits<typename SqlType::value_type>;
        constexpr std::string_view sql_name = std::is_same_v<SqlType, smallint>  ? "SMALLINT"
                                              : std::is_same_v<SqlType, integer> ? "INTEGER"
                                                                                 : "BIGINT";
        using wide = std::conditional_t<std::is_signed_v<V>, std::int64_t, std::uint64_t>;
        throw_out_of_range_for_sql(number_param_text(static_cast<wide>(value)), sql_name, limits::min(), limits::max());
    }
}

// A value_text_statement (driver/value_text_statement.hpp) over `text`, made in the library.
std::unique_ptr<driver::statement> make_value_text_statement(std::vector<std::string>& text);

template <class V>
using value_traits_for = value_traits<std::conditional_t<std::is_array_v<std::remove_cvref_t<V>>, std::string_view,
                                                         std::decay_t<V>>>;

// Binds a statement's values in order (the statement's bind() calls it per value), to a
// driver statement or, made with a vector and a statement that writes text, as text into it
// (what would be bound; text_value_binder below).
class value_binder {
public:
    value_binder(driver::statement& s, dialect_kind dialect) : statement_(&s), dialect_(dialect) {}
    value_binder(driver::statement& text_statement, std::vector<std::string>& text)
        : statement_(&text_statement), text_(&text) {}

    template <class SqlType, class V>
    void bind(const V& value) {
        if constexpr (checks_fit<SqlType, V>) {
            // (written as text as it is, the value that does not fit: the error's own message)
            if (!fits_sql_type<SqlType>(value) && !text_) [[unlikely]]
                throw_not_fitting<SqlType>(value);
        }
        value_traits_for<V>::bind(*this, index_++, value);
    }
    // An unsigned value above the largest BIGINT: refused, or written as text.
    [[gnu::noinline, gnu::cold]] void bind_beyond_int64(int index, std::uint64_t value) {
        if (!text_) throw_beyond_sql_integer(value);
        put_text_at(index, number_param_text(value));
    }
    // A run-time list as one array (PostgreSQL) or JSON (SQLite) parameter.
    template <class V>
    void bind_list(const std::vector<V>& values) {
        if (text_) [[unlikely]]
            return put_text(list_param_text(values));
        statement_->bind_text(index_++, keep(format_list(values, dialect_)));
    }
    // A value made during binding (a default_ evaluated now): kept alive until execution ends.
    template <class SqlType, class V>
    void bind_owned(V&& value) {
        using T = std::remove_cvref_t<V>;
        if (text_) [[unlikely]]
            return put_text(param_text(value));
        if constexpr (is_optional_v<T>) {
            if (value) bind_owned<SqlType>(std::move(*value));
            else statement_->bind_null(index_++);
        } else if constexpr (std::is_same_v<T, std::string>) {
            statement_->bind_text(index_++, keep(std::move(value)));
        } else if constexpr (std::is_same_v<T, decimal>) {
            statement_->bind_text(index_++, keep(value.str()));
        } else if constexpr (std::is_same_v<T, json_text>) {
            statement_->bind_text(index_++, keep(std::move(value.text)));
        } else if constexpr (std::is_same_v<T, blob_value>) {
            statement_->bind_blob(index_++, kept().blobs.emplace_front(std::move(value)));
        } else {
            bind<SqlType>(value);  // numbers; dates and times are formatted into kept text
        }
    }
    // Storage for text made while binding (formatted dates), valid until the binder dies.
    const std::string& keep(std::string text) { return kept().text.emplace_front(std::move(text)); }

    driver::statement& statement() noexcept { return *statement_; }
    value_binder& underlying() noexcept { return *this; }  // as statement_binder's
    int count() const noexcept { return index_; }

private:
    void put_text(std::string text) { put_text_at(index_++, std::move(text)); }
    void put_text_at(int index, std::string text) {
        if (text_->size() <= static_cast<std::size_t>(index)) text_->resize(static_cast<std::size_t>(index) + 1);
        (*text_)[static_cast<std::size_t>(index)] = std::move(text);
    }

    // forward_list: stable addresses. Made only when something is kept: most executions
    // keep nothing, and then the binder costs nothing to make or destroy.
    struct kept_values {
        std::forward_list<std::string> text;
        std::forward_list<blob_value> blobs;
    };
    kept_values& kept() {
        if (!kept_) kept_ = std::unique_ptr<kept_values, drop_kept>(new kept_values);
        return *kept_;
    }
    // Out of line: the lists' destruction stays off the path of the executions that keep nothing.
    struct drop_kept {
        [[gnu::noinline, gnu::cold]] void operator()(kept_values* kept) const noexcept { delete kept; }
    };

    driver::statement* statement_ = nullptr;
    std::vector<std::string>* text_ = nullptr;  // set: the values are written as text
    dialect_kind dialect_ = dialect_kind::sqlite;
    int index_ = 0;
    std::unique_ptr<kept_values, drop_kept> kept_;
};

// A value_binder that writes the values as text into `text` (echo, events, an error's
// parameters), through a value_text_statement made in the library. A class of its own so that
// value_binder, which every execution makes, owns nothing.
class text_value_binder {
public:
    explicit text_value_binder(std::vector<std::string>& text)
        : statement_(make_value_text_statement(text)), binder_(*statement_, text) {}
    value_binder& get() noexcept { return binder_; }

private:
    std::unique_ptr<driver::statement> statement_;
    value_binder binder_;
};

}  // namespace detail
}  // namespace retort
