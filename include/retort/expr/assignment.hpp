#pragma once
// column = value, for insert().values(...) and update().set(...). The rules of what may be
// assigned are checked here, where the user wrote it.
#include <retort/core/rule.hpp>
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

// May the value be NULL because of a nullable column it reads? (A bindparam may be NULL too, but
// whether it is, is up to its argument; a NOT NULL column added to it is not NULL by itself.)
template <class Columns>
struct any_nullable_column;
template <class... Cs>
struct any_nullable_column<tl::list<Cs...>> : std::bool_constant<(Cs::nullable || ... || false)> {};
template <class V>
inline constexpr bool nullable_from_columns = V::nullable && any_nullable_column<typename V::columns>::value;

template <class C, class V>
consteval void check_assignment() {
    using S = typename C::sql_type;
    if constexpr (is_null_value<V>) {
        RETORT_RULE("retort: NULL assigned to a NOT NULL column",
                    C::nullable);
    } else if constexpr (expression<V>) {
        rules::assignable<S::category, std::remove_cvref_t<V>::sql_type::category>();
        RETORT_RULE("retort: a value that may be NULL (a nullable column, or an expression over one) assigned to "
                    "a NOT NULL column; give a fallback with coalesce(x, value)",
                    C::nullable || !nullable_from_columns<std::remove_cvref_t<V>>);
    } else {
        rules::has_sql_type<V>();
        RETORT_RULE("retort: a std::optional (maybe NULL) assigned to a NOT NULL column; assign a plain value",
                    C::nullable || !is_optional_v<V>);
        rules::assignable<S::category, category_of_value<V>>();
        using T = std::remove_cvref_t<V>;
        // Only a literal's length is known (a char buffer's size is its capacity, not the
        // length of its text), and a literal of more than 4N bytes has more than N characters;
        // literals in between are counted by varchar_literal_fits (varchar_literal.hpp).
        if constexpr (has_max_length<S> && std::is_array_v<std::remove_reference_t<V>> &&
                      std::is_const_v<std::remove_reference_t<V>>) {
            RETORT_RULE(RETORT_VARCHAR_LITERAL_TOO_LONG,
                        std::extent_v<T> - 1 <= S::max_length);
        }
    }
}
}  // namespace detail

template <class Table, class Spec>
template <class V>
    requires(!detail::literal_needs_counting<typename Spec::sql_type, V>)
constexpr auto column<Table, Spec>::operator=(V&& value) const {
    detail::check_assignment<column, V>();
    auto operand = detail::make_operand<sql_type>(std::forward<V>(value));
    return assignment<column, decltype(operand)>{std::move(operand)};
}

template <class Table, class Spec>
constexpr auto column<Table, Spec>::operator=(
    rules::varchar_literal_fits<detail::literal_length_limit<sql_type>> literal) const
    requires(detail::literal_length_limit<sql_type> > 0)
{
    auto operand = detail::make_operand<sql_type>(literal.text);
    return assignment<column, decltype(operand)>{std::move(operand)};
}

}  // namespace retort
