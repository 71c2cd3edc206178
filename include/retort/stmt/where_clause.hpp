#pragma once
// WHERE <condition>: a boolean expression without aggregates.
#include <retort/core/rule.hpp>
#include <retort/core/expression.hpp>
#include <retort/expr/assignment.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/stmt/clause.hpp>

namespace retort {

template <class E>
struct where_clause {
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool present = true;
    static constexpr bool aggregate = E::aggregate;
    E condition;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const where_clause* self) {
        ctx.put(" WHERE ");
        E::render(ctx, detail::member_of(self, &where_clause::condition));
    }
    template <class B>
    constexpr void bind(B& b) const {
        condition.bind(b);
    }
};

namespace detail {
// The rules of a WHERE condition; true when it may be used (after a broken rule the
// condition is dropped, so the mistake gives one error, not a cascade).
template <class E>
consteval bool where_condition_holds() {
    using T = std::remove_cvref_t<E>;
    RETORT_RULE("retort: where() is given an assignment (users.age = 25); compare with == (users.age == 25)",
                !is_assignment<T>::value);
    RETORT_RULE("retort: where() needs an SQL condition, such as users.age > 25",
                is_assignment<T>::value || expression<T>);
    if constexpr (expression<T>) {
        RETORT_RULE("retort: WHERE needs a boolean condition (a comparison, a boolean column...)",
                    T::sql_type::category == type_category::boolean);
        RETORT_RULE("retort: aggregate functions are not allowed in WHERE; use having(...)",
                    !T::aggregate);
        return T::sql_type::category == type_category::boolean && !T::aggregate;
    } else {
        return false;
    }
}

// where(a).where(b) means WHERE a AND b, as in SQLAlchemy.
template <class Current, class E>
constexpr auto add_where(const Current& current, E&& condition) {
    if constexpr (!where_condition_holds<E>()) return current;
    else if constexpr (!Current::present) return where_clause<std::remove_cvref_t<E>>{std::forward<E>(condition)};
    else return where_clause<decltype(current.condition && condition)>{current.condition && std::forward<E>(condition)};
}
}  // namespace detail

}  // namespace retort
