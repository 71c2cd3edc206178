#pragma once
// WHERE <condition>: a boolean expression without aggregates.
#include <retort/core/expression.hpp>
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
template <class E>
constexpr auto make_where(E&& condition) {
    static_assert(expression<E>, "retort: where() needs an SQL condition, such as users.age > 25");
    using T = std::remove_cvref_t<E>;
    static_assert(T::sql_type::category == type_category::boolean,
                  "retort: WHERE needs a boolean condition (a comparison, a boolean column...)");
    static_assert(!T::aggregate, "retort: aggregate functions are not allowed in WHERE; use having(...)");
    return where_clause<T>{std::forward<E>(condition)};
}

// where(a).where(b) means WHERE a AND b, as in SQLAlchemy.
template <class Current, class E>
constexpr auto add_where(const Current& current, E&& condition) {
    if constexpr (!Current::present) return make_where(std::forward<E>(condition));
    else return make_where(current.condition && std::forward<E>(condition));
}
}  // namespace detail

}  // namespace retort
