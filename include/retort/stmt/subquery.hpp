#pragma once
// Subqueries. A subquery may use columns of the enclosing query (correlation); those
// tables must be in the enclosing query's FROM.
//   select(users.username, select(count(posts.id)).where(posts.user_id == users.id).scalar_subquery().as<"n">())
//   select(users).where(users.id.in_(select(posts.user_id)))
//   select(users).where(exists(select(posts.id).where(posts.user_id == users.id)))
//   auto counts = select(posts.user_id, count(posts.id).as<"n">()).group_by(posts.user_id).subquery<"counts">();
//   select(users.username, counts.c<"n">).select_from(users.join(counts, counts.c<"user_id"> == users.id))
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/check/type_rules.hpp>
#include <retort/core/expression.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/stmt/compound.hpp>
#include <retort/stmt/derived_column.hpp>
#include <retort/stmt/join.hpp>
#include <retort/stmt/select.hpp>

namespace retort {

namespace detail {
template <class Q>
concept query = requires {
    typename Q::items_type;
    typename Q::correlation;
    Q::template validate<tl::list<>>();
};

template <class Q>
constexpr void check_subquery() {
    Q::template validate<typename Q::correlation::tables>();
}
}  // namespace detail

template <class Q>
struct scalar_subquery : expr<scalar_subquery<Q>> {
    RETORT_RULE("retort: a scalar subquery selects exactly one column",
                std::tuple_size_v<typename Q::items_type> == 1);
    using item = std::tuple_element_t<0, typename Q::items_type>;
    using sql_type = typename item::sql_type;
    static constexpr bool nullable = true;  // no row gives NULL
    using tables = typename Q::correlation::tables;
    // The enclosing query's columns it uses: in a grouped query they must be grouped.
    using columns = typename Q::correlation::columns;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;
    Q query;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const scalar_subquery* self) {
        ctx.put('(');
        Q::render_body(ctx, detail::member_of(self, &scalar_subquery::query));
        ctx.put(')');
    }
    template <class B>
    constexpr void bind(B& b) const {
        query.bind(b);
    }
};

template <class Q>
struct exists_test : expr<exists_test<Q>> {
    using sql_type = boolean;
    static constexpr bool nullable = false;
    using tables = typename Q::correlation::tables;
    using columns = typename Q::correlation::columns;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;
    Q query;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const exists_test* self) {
        ctx.put("EXISTS (");
        Q::render_body(ctx, detail::member_of(self, &exists_test::query));
        ctx.put(')');
    }
    template <class B>
    constexpr void bind(B& b) const {
        query.bind(b);
    }
};

template <detail::query Q>
constexpr auto exists(const Q& query) {
    detail::check_subquery<Q>();
    return exists_test<Q>{{}, query};
}

template <class E, class Q, bool Negated>
struct in_subquery : expr<in_subquery<E, Q, Negated>> {
    using sql_type = boolean;
    static constexpr bool nullable = true;
    using tables = tl::unique<tl::concat<typename E::tables, typename Q::correlation::tables>>;
    using columns = tl::unique<tl::concat<typename E::columns, typename Q::correlation::columns>>;
    static constexpr bool aggregate = E::aggregate;
    static constexpr int precedence = prec::comparison;
    E operand;
    Q query;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const in_subquery* self) {
        detail::render_operand(ctx, detail::member_of(self, &in_subquery::operand), precedence, true);
        ctx.put(Negated ? " NOT IN (" : " IN (");
        Q::render_body(ctx, detail::member_of(self, &in_subquery::query));
        ctx.put(')');
    }
    template <class B>
    constexpr void bind(B& b) const {
        operand.bind(b);
        query.bind(b);
    }
};

namespace detail {
template <bool Negated, class E, class Q>
constexpr auto in_subquery_of(const E& e, const Q& query) {
    RETORT_RULE("retort: IN (subquery) needs a subquery of one column",
                std::tuple_size_v<typename Q::items_type> == 1);
    rules::comparable<E::sql_type::category, std::tuple_element_t<0, typename Q::items_type>::sql_type::category>();
    check_subquery<Q>();
    return in_subquery<E, Q, Negated>{{}, e, query};
}
}  // namespace detail

// A subquery in FROM: (SELECT ...) AS "name", with columns c<"column">.
template <class Q, fixed_string Name>
struct derived_table : joinable<derived_table<Q, Name>> {
    static constexpr bool subquery_in_from = true;  // its text needs the query object
    using tables = tl::list<derived_table>;
    using nullable_tables = tl::list<>;
    static constexpr auto retort_name = Name;
    static constexpr auto retort_qualifier() { return Name; }
    using retort_derived_columns =
        typename detail::all_derived_columns<derived_table, Q, std::make_index_sequence<std::tuple_size_v<typename Q::items_type>>>::type;
    template <fixed_string Column>
    static constexpr auto c = detail::derived_column_of<derived_table, Q, Column>();

    Q query;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const derived_table* self) {
        ctx.put('(');
        Q::render_body(ctx, detail::member_of(self, &derived_table::query));
        ctx.put(") AS ");
        ctx.put_identifier(Name.view());
    }
    template <class B>
    constexpr void bind(B& b) const {
        query.bind(b);
    }
};

template <class Parts>
constexpr auto select_statement<Parts>::scalar_subquery() const {
    detail::check_subquery<select_statement>();
    return retort::scalar_subquery<select_statement>{{}, *this};
}

template <class Parts>
template <fixed_string Name>
constexpr auto select_statement<Parts>::subquery() const {
    RETORT_RULE("retort: a subquery in FROM cannot use columns of the enclosing query",
                correlation::tables::size == 0);
    validate<tl::list<>>();
    return derived_table<select_statement, Name>{{}, *this};
}

template <class Op, class L, class R, class O, class Li, class Of>
constexpr auto compound_select<Op, L, R, O, Li, Of>::scalar_subquery() const {
    detail::check_subquery<compound_select>();
    return retort::scalar_subquery<compound_select>{{}, *this};
}
template <class Op, class L, class R, class O, class Li, class Of>
template <fixed_string Name>
constexpr auto compound_select<Op, L, R, O, Li, Of>::subquery() const {
    RETORT_RULE("retort: a subquery in FROM cannot use columns of the enclosing query",
                correlation::tables::size == 0);
    validate<tl::list<>>();
    return derived_table<compound_select, Name>{{}, *this};
}

}  // namespace retort
