#pragma once
// Values in statements: always bound parameters ($1 / ?), never spliced into the text.
// (The literal form is for DDL only, where PostgreSQL and SQLite accept no parameters.)
#include <retort/core/rule.hpp>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <retort/core/expression.hpp>
#include <retort/render/context.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/schema/value_category.hpp>

namespace retort {

namespace detail {
// A value as SQL literal text (DDL only; run time only).
template <class Ctx, class V>
void render_literal(Ctx& ctx, const V& value) {
    using T = std::remove_cvref_t<V>;
    if constexpr (is_optional_v<T>) {
        if (value) render_literal(ctx, *value);
        else ctx.put("NULL");
    } else if constexpr (std::is_same_v<T, bool>) {
        ctx.put(value ? Ctx::dialect::true_literal : Ctx::dialect::false_literal);
    } else if constexpr (std::is_arithmetic_v<T>) {
        char buffer[64];
        auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
        ctx.put(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
    } else if constexpr (std::is_same_v<T, decimal>) {
        ctx.put(value.str());
    } else if constexpr (std::is_same_v<T, json_text>) {
        render_literal(ctx, std::string_view(value.text));
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        ctx.put('\'');
        for (char c : std::string_view(value)) {
            if (c == '\'') ctx.put('\'');
            ctx.put(c);
        }
        ctx.put('\'');
    } else {
        RETORT_RULE("retort: this value has no SQL literal form; use server_default(raw_sql(...))",
                    always_false<T>);
    }
}
}  // namespace detail

// Typed: the parameter's type is not the one PostgreSQL would infer from where it
// stands (a fraction next to an integer column, a bare value in a CASE or a function),
// so its text says it: CAST($1 AS DOUBLE PRECISION). SQLite needs no such hint.
template <class SqlType, class Value, bool Typed = false>
struct parameter : expr<parameter<SqlType, Value, Typed>> {
    using sql_type = SqlType;
    using value_type = Value;
    static constexpr bool nullable = detail::is_optional_v<Value>;
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;

    Value value;

    constexpr explicit parameter(Value v) : value(std::move(v)) {}

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const parameter* self) {
        if constexpr (Ctx::values == render::value_mode::literal) {
            detail::render_literal(ctx, self->value);
        } else if constexpr (Typed && Ctx::dialect::kind == dialect_kind::postgresql) {
            ctx.put("CAST(");
            ctx.put_placeholder();
            ctx.put(" AS ");
            SqlType::render_ddl(ctx);
            ctx.put(')');
        } else {
            ctx.put_placeholder();
        }
    }
    template <class B>
    constexpr void bind(B& b) const {
        b.template bind<SqlType>(value);
    }
};

// NULL in a typed position.
template <class SqlType>
struct null_literal : expr<null_literal<SqlType>> {
    using sql_type = SqlType;
    static constexpr bool nullable = true;
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const null_literal*) {
        ctx.put("NULL");
    }
    template <class B>
    constexpr void bind(B&) const {}
};

namespace detail {

template <class V>
inline constexpr bool is_null_value =
    std::is_same_v<std::remove_cvref_t<V>, null_t> || std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>;

// An operand where SqlType is expected: expressions pass through, NULL becomes a
// typed NULL, other values become bound parameters of that SQL type.
template <class SqlType, class V>
constexpr auto make_operand(V&& v) {
    if constexpr (expression<V>) {
        return std::remove_cvref_t<V>(std::forward<V>(v));
    } else if constexpr (is_null_value<V>) {
        return null_literal<SqlType>{};
    } else if constexpr (SqlType::category == type_category::integral &&
                         category_of_value<V> == type_category::floating) {
        // users.age * 1.5: the value keeps its fraction
        return parameter<double_precision, stored_t<V>, true>(stored_t<V>(std::forward<V>(v)));
    } else if constexpr (SqlType::category == type_category::integral &&
                         category_of_value<V> == type_category::numeric) {
        return parameter<numeric<38, 10>, stored_t<V>, true>(stored_t<V>(std::forward<V>(v)));
    } else {
        return parameter<SqlType, stored_t<V>>(stored_t<V>(std::forward<V>(v)));
    }
}

// A value with no column to take its type from: typed by itself, and said so in the
// text unless it is text (PostgreSQL takes an untyped parameter for text anyway).
template <class SqlType, class V>
constexpr auto make_typed_operand(V&& v) {
    if constexpr (expression<V> || is_null_value<V> || SqlType::category == type_category::string)
        return make_operand<SqlType>(std::forward<V>(v));
    else return parameter<SqlType, stored_t<V>, true>(stored_t<V>(std::forward<V>(v)));
}

template <class SqlType, class V>
using operand_t = decltype(make_operand<SqlType>(std::declval<V>()));

// The SQL type of an operand: its own if it is an expression, else the other side's.
template <class V, class Other>
using sql_type_of_operand = typename std::conditional_t<expression<V>, std::remove_cvref_t<V>, std::remove_cvref_t<Other>>::sql_type;

}  // namespace detail
}  // namespace retort
