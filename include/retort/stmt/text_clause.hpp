#pragma once
// SQL written by hand, run like any statement (SQLAlchemy's text()): :name parameters are
// bound from execute()'s arg<"name"> = value arguments (never spliced into the text) and
// rendered as each dialect's placeholder ($1 / ?).
//   auto adults = text_clause<"SELECT id, username FROM users WHERE age > :min_age">()
//                     .columns(users.id, users.username);            // typed rows: row.username
//   for (const auto& row : conn.execute(adults, arg<"min_age"> = 25)) ...
//   conn.execute(text_clause("SELECT * FROM " + table), ...);       // text made at run time
// The text as a template argument is parsed at compile time: a parameter without a value,
// or a value for no parameter, does not compile, and its SQL is a compile-time constant
// with a prepared statement cached by type. Text made at run time is parsed when executed
// and such mistakes throw argument_error. Without .columns() the rows are row_mapping:
// values looked up by name or position, typed at run time.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <retort/core/errors.hpp>
#include <retort/core/fixed_string.hpp>
#include <retort/core/rule.hpp>
#include <retort/expr/bindparam.hpp>
#include <retort/schema/column.hpp>
#include <retort/stmt/result_column.hpp>
#include <retort/stmt/row.hpp>
#include <retort/stmt/text_parameters.hpp>

namespace retort {

class row_mapping;  // result/row_mapping.hpp: the rows of text without declared columns

namespace detail {

template <class C>
inline constexpr bool is_result_column = false;
template <fixed_string Name, class SqlType, bool Nullable>
inline constexpr bool is_result_column<result_column_t<Name, SqlType, Nullable>> = true;

template <class... Columns>
struct text_row {
    using type = row<typename field_of<Columns, false>::member...>;
};
template <>
struct text_row<> {
    using type = row_mapping;
};

template <class... Columns>
consteval void check_declared_columns() {
    RETORT_RULE("retort: .columns() takes table columns or result_column<\"name\", sql_type>",
                ((column_expression<Columns> || is_result_column<Columns>) && ...));
}

}  // namespace detail

// SQL text known at compile time; Columns... the declared result columns (none: row_mapping).
template <fixed_string Text, class... Columns>
class text_statement {
public:
    using parameters = detail::text_parameters<Text>;
    static constexpr bool returns_rows = true;
    static constexpr std::size_t declared_columns = sizeof...(Columns);
    using row_type = typename detail::text_row<Columns...>::type;

    // The columns the text returns, in order: table columns (row.username) or
    // result_column<"name", sql_type> (row.get<"name">()).
    template <class... Cs>
    constexpr auto columns(const Cs&...) const {
        detail::check_declared_columns<Cs...>();
        return text_statement<Text, Cs...>{};
    }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const text_statement*) {
        detail::scan_text_parameters(
            parameters::sql, [&](std::string_view text) { ctx.put(text); }, [&](std::string_view) { ctx.put_placeholder(); });
    }
    template <class B>
    constexpr void bind(B& b) const {
        bind_each(b, std::make_index_sequence<parameters::count>{});
    }

    // execute()'s named arguments against the text's parameters (Args: named_value types).
    template <class... Args>
    static constexpr void check_arguments() {
        RETORT_RULE("retort: no value given for a :parameter of the SQL text; pass arg<\"name\"> = value to execute()",
                    missing<Args...>() == parameters::count);
        RETORT_RULE("retort: an argument names no :parameter of the SQL text",
                    (parameters::uses(Args::name.view()) && ... && true));
        RETORT_RULE("retort: an argument of the SQL text is given twice", !repeated<Args...>());
    }

private:
    template <class B, std::size_t... I>
    constexpr void bind_each(B& b, std::index_sequence<I...>) const {
        (b.template bind_text_argument<parameters::template name<I>>(), ...);
    }
    // The first parameter without a value among Args (count when every one has one).
    template <class... Args>
    static consteval std::size_t missing() {
        for (std::size_t i = 0; i < parameters::count; ++i)
            if (!((Args::name.view() == parameters::names[i]) || ...)) return i;
        return parameters::count;
    }
    template <class... Args>
    static consteval bool repeated() {
        constexpr std::string_view names[] = {Args::name.view()..., {}};
        for (std::size_t i = 0; i < sizeof...(Args); ++i)
            for (std::size_t j = i + 1; j < sizeof...(Args); ++j)
                if (names[i] == names[j]) return true;
        return false;
    }
};

// SQL text made at run time: rendered, parsed and checked at execution (argument_error).
template <class... Columns>
class runtime_text_statement {
public:
    static constexpr bool returns_rows = true;
    static constexpr std::size_t declared_columns = sizeof...(Columns);
    using row_type = typename detail::text_row<Columns...>::type;

    explicit runtime_text_statement(std::string sql) : sql_(std::move(sql)) {
        detail::scan_text_parameters(sql_, [](std::string_view) {},
                                     [&](std::string_view name) { names_.emplace_back(name); });
    }

    template <class... Cs>
    auto columns(const Cs&...) const {
        detail::check_declared_columns<Cs...>();
        return runtime_text_statement<Cs...>(sql_);
    }
    const std::string& text() const noexcept { return sql_; }
    // The :name parameters in order of appearance.
    const std::vector<std::string>& parameter_names() const noexcept { return names_; }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const runtime_text_statement* self) {
        if (self == nullptr) {
            ctx.needs_object = true;  // no compile-time text
            return;
        }
        detail::scan_text_parameters(
            self->sql_, [&](std::string_view text) { ctx.put(text); }, [&](std::string_view) { ctx.put_placeholder(); });
    }
    template <class B>
    void bind(B& b) const {
        for (const std::string& name : names_)
            if (!b.bind_text_argument(name)) throw argument_error(missing_message(name));
    }

    template <class... Args>
    void check_arguments() const {
        for (const std::string& name : names_)
            if (!((Args::name.view() == name) || ...)) throw argument_error(missing_message(name));
        constexpr std::string_view given[] = {Args::name.view()..., {}};
        for (std::size_t i = 0; i < sizeof...(Args); ++i) {
            std::size_t uses = 0;
            for (const std::string& name : names_) uses += name == given[i];
            if (uses == 0)
                throw argument_error("argument '" + std::string(given[i]) +
                                     "' names no :parameter of the SQL text\n[SQL: " + sql_ + "]");
            for (std::size_t j = i + 1; j < sizeof...(Args); ++j)
                if (given[i] == given[j])
                    throw argument_error("argument '" + std::string(given[i]) + "' is given twice\n[SQL: " + sql_ + "]");
        }
    }

private:
    std::string missing_message(std::string_view name) const {
        return "no value given for :" + std::string(name) + " of the SQL text; pass arg<\"" + std::string(name) +
               "\"> = value to execute()\n[SQL: " + sql_ + "]";
    }
    std::string sql_;
    std::vector<std::string> names_;
};

// SQL text as a template argument: parsed at compile time.
template <fixed_string Text>
constexpr text_statement<Text> text_clause() {
    return {};
}
// SQL text made at run time.
inline runtime_text_statement<> text_clause(std::string sql) { return runtime_text_statement<>(std::move(sql)); }

}  // namespace retort
