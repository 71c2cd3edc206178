#pragma once
// x IN <a list whose length is known only at run time>, with ONE bound parameter so the
// statement's text stays a compile-time constant: PostgreSQL gets x = ANY($1) with an
// array, SQLite x IN (SELECT value FROM json_each(?)) with a JSON array. Every value a
// column can hold travels exactly: text with NUL (SQLite), infinities, NaN (see list_text.hpp).
//   std::vector<int> ids = ...;
//   select(users).where(users.id.in_(ids))
#include <retort/core/rule.hpp>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/check/type_rules.hpp>
#include <retort/core/expression.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/schema/list_text.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

template <class E, class V, bool Negated>
struct in_values : expr<in_values<E, V, Negated>> {
    using sql_type = boolean;
    static constexpr bool nullable = E::nullable;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::comparison;
    E operand;
    std::vector<V> values;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const in_values* self) {
        detail::render_operand(ctx, detail::member_of(self, &in_values::operand), precedence, true);
        if constexpr (Ctx::dialect::kind == dialect_kind::postgresql) {
            ctx.put(Negated ? " != ALL(" : " = ANY(");
            ctx.put_placeholder();
            ctx.put(')');
        } else {
            ctx.put(Negated ? " NOT IN (SELECT " : " IN (SELECT ");
            // Text comes with its NULs escaped (see schema/list_text.hpp).
            if constexpr (detail::category_of_value<V> == type_category::string) ctx.put(detail::sqlite_list_text_value);
            else ctx.put("value");
            ctx.put(" FROM json_each(");
            ctx.put_placeholder();
            ctx.put("))");
        }
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
        b.bind_list(values);
    }
};

namespace detail {
template <bool Negated, class E, class List>
auto in_values_of(const E& e, List&& list) {
    using element = std::remove_cvref_t<typename std::remove_cvref_t<List>::value_type>;
    using stored = stored_t<element>;
    rules::has_sql_type<element>();
    rules::comparable<E::sql_type::category, category_of_value<element>>();
    RETORT_RULE("retort: IN over a run-time list takes numbers, text, booleans, dates and timestamps",
                category_of_value<element> != type_category::blob && category_of_value<element> != type_category::json);
    std::vector<stored> values;
    values.reserve(std::size(list));
    for (const auto& v : list) values.push_back(stored(v));
    return in_values<E, stored, Negated>{{}, e, std::move(values)};
}
}  // namespace detail

}  // namespace retort
