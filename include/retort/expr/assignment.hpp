#pragma once
// column = value, for insert().values(...) and update().set(...). The rules of what may be
// assigned are checked here, where the user wrote it.
#include <type_traits>
#include <utility>

#include <retort/check/type_rules.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/schema/column.hpp>

namespace retort {

template <class Column, class Value>
struct assignment {
    using column_type = Column;
    using value_expression = Value;
    using tables = typename Value::tables;
    static constexpr bool aggregate = Value::aggregate;
    Value value;

    template <class Ctx>
    static constexpr void render_value(Ctx& ctx, const assignment* self) {
        Value::render(ctx, detail::member_of(self, &assignment::value));
    }
    template <class B>
    constexpr void bind(B& b) const {
        value.bind(b);
    }
};

namespace detail {
template <class T>
struct is_assignment : std::false_type {};
template <class C, class V>
struct is_assignment<assignment<C, V>> : std::true_type {};

template <class SqlType>
concept has_max_length = requires { SqlType::max_length; };

template <class C, class V>
consteval void check_assignment() {
    using S = typename C::sql_type;
    if constexpr (is_null_value<V>) {
        static_assert(C::nullable, "retort: NULL assigned to a NOT NULL column");
    } else if constexpr (expression<V>) {
        rules::assignable<S::category, std::remove_cvref_t<V>::sql_type::category>();
    } else {
        rules::has_sql_type<V>();
        static_assert(C::nullable || !is_optional_v<V>,
                      "retort: a std::optional (maybe NULL) assigned to a NOT NULL column; assign a plain value");
        rules::assignable<S::category, category_of_value<V>>();
        using T = std::remove_cvref_t<V>;
        if constexpr (has_max_length<S> && std::is_array_v<T>) {
            static_assert(std::extent_v<T> - 1 <= S::max_length,
                          "retort: string literal longer than the column's varchar<N>");
        }
    }
}
}  // namespace detail

template <class Table, class Spec>
template <class V>
constexpr auto column<Table, Spec>::operator=(V&& value) const {
    detail::check_assignment<column, V>();
    auto operand = detail::make_operand<sql_type>(std::forward<V>(value));
    return assignment<column, decltype(operand)>{std::move(operand)};
}

}  // namespace retort
