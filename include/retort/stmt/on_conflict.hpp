#pragma once
// Upsert, on PostgreSQL and SQLite alike:
//   insert(users).values(...).on_conflict(users.username).do_nothing()
//   insert(users).values(...).on_conflict(users.username)
//       .do_update(users.email = excluded(users.email), users.age = users.age + 1)
//       .where(users.age < 100)
// The conflict target must be the primary key or the columns of a unique constraint.
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/expr/assignment.hpp>
#include <retort/stmt/insert.hpp>
#include <retort/stmt/where_clause.hpp>

namespace retort {

// Stands in a tables list for excluded.*: which table's proposed row is used.
template <class Table>
struct excluded_row {};

// excluded(users.email): the value the INSERT proposed for the column.
template <class C>
struct excluded_column : expr<excluded_column<C>> {
    using sql_type = typename C::sql_type;
    static constexpr bool nullable = C::nullable;
    using tables = tl::list<excluded_row<typename C::table_type>>;
    using columns = tl::list<>;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const excluded_column*) {
        ctx.put("excluded.");
        C::render_name(ctx);
    }
    template <class B>
    constexpr void bind(B&) const {}
};

template <class C>
constexpr auto excluded(const C&) {
    RETORT_RULE("retort: excluded() takes a column of the table inserted into",
                column_expression<C>);
    return excluded_column<C>{};
}

namespace detail {

template <class Table>
struct unique_sets {
    template <class C>
    struct single_unique : std::bool_constant<C::traits::unique> {};
    template <class A>
    struct of_arg {
        using type = tl::list<>;
    };
    template <class... Cs>
    struct of_arg<unique_of<Cs...>> {
        using type = tl::list<tl::list<Cs...>>;
    };
    template <fixed_string N, class... Cs>
    struct of_arg<index_of<N, true, Cs...>> {
        using type = tl::list<tl::list<Cs...>>;
    };
    template <class Args>
    struct of_args;
    template <class... As>
    struct of_args<std::tuple<As...>> {
        using type = tl::concat<typename of_arg<As>::type...>;
    };
    template <class Cols>
    struct singles;
    template <class... Cs>
    struct singles<tl::list<Cs...>> {
        using type = tl::list<tl::list<Cs>...>;
    };
    // Every column set with a uniqueness guarantee: the key, unique columns, unique constraints.
    using type = tl::concat<tl::list<primary_key_columns<Table>>,
                            typename singles<tl::filter<table_columns<Table>, single_unique>>::type,
                            typename of_args<std::remove_cv_t<decltype(Table::retort_table_args())>>::type>;
};

// No excluded.* of a table other than T among these tables.
template <class T, class Tables>
struct only_excluded_of;
template <class T, class X>
struct excluded_matches : std::true_type {};
template <class T, class X>
struct excluded_matches<T, excluded_row<X>> : std::is_same<X, T> {};
template <class T, class... Ts>
struct only_excluded_of<T, tl::list<Ts...>> : std::bool_constant<(excluded_matches<T, Ts>::value && ...)> {};
template <class T, class Tables>
inline constexpr bool excluded_of = only_excluded_of<T, Tables>::value;

template <class Target, class Sets>
struct matches_a_set;
template <class Target, class... Sets>
struct matches_a_set<Target, tl::list<Sets...>>
    : std::bool_constant<((Sets::size == Target::size && tl::is_subset<Target, Sets>) || ...)> {};

}  // namespace detail

template <class... Target>
struct conflict_target {
    static constexpr std::size_t size = sizeof...(Target);
    template <class Ctx>
    static constexpr void render(Ctx& ctx) {
        ctx.put(" ON CONFLICT");
        if constexpr (sizeof...(Target) > 0) {
            ctx.put(" (");
            std::size_t i = 0;
            ((ctx.put(i++ == 0 ? "" : ", "), Target::render_name(ctx)), ...);
            ctx.put(')');
        }
    }
};

template <class Target>
struct conflict_do_nothing {
    static constexpr bool present = true;
    static constexpr bool updates = false;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const conflict_do_nothing*) {
        Target::render(ctx);
        ctx.put(" DO NOTHING");
    }
    template <class B>
    constexpr void bind(B&) const {}
};

template <class Target, class Where, class... Assignments>
struct conflict_do_update {
    static constexpr bool present = true;
    static constexpr bool updates = true;
    std::tuple<Assignments...> assignments;
    Where where_;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const conflict_do_update* self) {
        Target::render(ctx);
        ctx.put(" DO UPDATE SET ");
        render_set(ctx, self ? &self->assignments : nullptr, std::index_sequence_for<Assignments...>{});
        Where::render(ctx, self ? &self->where_ : nullptr);
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, assignments);
        where_.bind(b);
    }
    template <class W>
    constexpr auto with_where(W w) const {
        return conflict_do_update<Target, W, Assignments...>{assignments, std::move(w)};
    }

private:
    template <class Ctx, class Tuple, std::size_t... I>
    static constexpr void render_set(Ctx& ctx, const Tuple* set, std::index_sequence<I...>) {
        ((ctx.put(I == 0 ? "" : ", "), std::tuple_element_t<I, Tuple>::column_type::render_name(ctx), ctx.put(" = "),
          std::tuple_element_t<I, Tuple>::render_value(ctx, detail::part<I>(set))),
         ...);
    }
};

// insert(...).on_conflict(columns...) then .do_nothing() or .do_update(assignments...).
template <class Insert, class... Target>
struct conflict_builder {
    Insert insert;

    constexpr auto do_nothing() const { return insert.with_on_conflict(conflict_do_nothing<conflict_target<Target...>>{}); }

    template <class... Assignments>
    constexpr auto do_update(Assignments&&... assignments) const {
        using table = typename Insert::table_type;
        RETORT_RULE("retort: ON CONFLICT DO UPDATE needs the conflict columns: on_conflict(users.username)",
                    sizeof...(Target) > 0);
        RETORT_RULE("retort: do_update() needs assignments",
                    sizeof...(Assignments) > 0);
        RETORT_RULE("retort: do_update() takes assignments: users.email = excluded(users.email)",
                    (detail::is_assignment<std::remove_cvref_t<Assignments>>::value && ...));
        RETORT_RULE("retort: do_update() assigns a column of another table",
                    (std::is_same_v<typename std::remove_cvref_t<Assignments>::column_type::table_type, table> && ...));
        RETORT_RULE("retort: the same column is assigned twice",
                    detail::all_distinct<typename std::remove_cvref_t<Assignments>::column_type...>());
        RETORT_RULE("retort: excluded() takes a column of the table inserted into",
                    (detail::excluded_of<table, typename std::remove_cvref_t<Assignments>::tables> && ...));
        RETORT_RULE("retort: do_update() uses a column of another table",
                    (tl::is_subset<typename std::remove_cvref_t<Assignments>::tables, tl::list<table, excluded_row<table>>> && ...));
        RETORT_RULE("retort: aggregate functions are not allowed in SET",
                    !(std::remove_cvref_t<Assignments>::aggregate || ...));
        return insert.with_on_conflict(
            conflict_do_update<conflict_target<Target...>, no_clause, std::remove_cvref_t<Assignments>...>{
                {std::forward<Assignments>(assignments)...}, {}});
    }
};

template <class Table, class... Rows, class Returning, class OnConflict>
template <class... Target>
constexpr auto insert_statement<Table, tl::list<Rows...>, Returning, OnConflict>::on_conflict(const Target&...) const {
    RETORT_RULE("retort: on_conflict() given twice",
                !OnConflict::present);
    RETORT_RULE("retort: the ON CONFLICT columns must be columns of the table inserted into",
                (std::is_same_v<typename Target::table_type, Table> && ...));
    if constexpr (sizeof...(Target) > 0)
        RETORT_RULE("retort: the ON CONFLICT columns must be the primary key or a unique constraint's columns",
                    detail::matches_a_set<tl::list<Target...>, typename detail::unique_sets<Table>::type>::value);
    return conflict_builder<insert_statement, Target...>{*this};
}

template <class Table, class... Rows, class Returning, class OnConflict>
template <class E>
constexpr auto insert_statement<Table, tl::list<Rows...>, Returning, OnConflict>::where(E&& condition) const {
    RETORT_RULE("retort: an INSERT has a WHERE only for ON CONFLICT DO UPDATE: on_conflict(...).do_update(...).where(...)",
                OnConflict::present && OnConflict::updates);
    RETORT_RULE("retort: the ON CONFLICT DO UPDATE condition uses a column of another table",
                tl::is_subset<typename std::remove_cvref_t<E>::tables, tl::list<Table, excluded_row<Table>>>);
    if constexpr (!(OnConflict::present && OnConflict::updates)) return *this;  // one error, no cascade
    else return with_on_conflict(on_conflict_.with_where(detail::add_where(on_conflict_.where_, std::forward<E>(condition))));
}

}  // namespace retort
