#pragma once
// Common table expressions (WITH). A query becomes a CTE with .cte<"name">(), whose
// columns are c<"column">; a recursive CTE is declared as a table type (its columns must
// exist before the query that refers to them) and defined with recursive_cte():
//   auto big = select(users.id, users.age).where(users.age > 60).cte<"big">();
//   select(big.c<"id">).with_(big)
//
//   struct tree_table : table<tree_table, "tree"> { RETORT_COLUMN(id, integer); RETORT_COLUMN(depth, integer); };
//   inline constexpr tree_table tree;
//   auto walk = recursive_cte(tree, select(nodes.id, literal...).where(...).union_all(
//                                       select(nodes.id, tree.depth + 1).select_from(nodes.join(tree, nodes.parent_id == tree.id))));
//   select(tree).with_(walk)
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/stmt/compound.hpp>
#include <retort/stmt/derived_column.hpp>
#include <retort/stmt/select.hpp>
#include <retort/stmt/subquery.hpp>

namespace retort {

template <class Q, fixed_string Name>
struct cte_table : joinable<cte_table<Q, Name>> {
    using tables = tl::list<cte_table>;
    using nullable_tables = tl::list<>;
    static constexpr bool recursive = false;
    static constexpr auto retort_name = Name;
    static constexpr auto retort_qualifier() { return Name; }
    using retort_derived_columns =
        typename detail::all_derived_columns<cte_table, Q, std::make_index_sequence<std::tuple_size_v<typename Q::items_type>>>::type;
    template <fixed_string Column>
    static constexpr auto c = detail::derived_column_of<cte_table, Q, Column>();

    Q query;

    // In FROM: its name.
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const cte_table*) {
        ctx.put_identifier(Name.view());
    }
    template <class Ctx>
    static constexpr void render_from(Ctx& ctx) {
        ctx.put_identifier(Name.view());
    }
    template <class B>
    constexpr void bind(B&) const {}

    // In WITH: "name" AS (query).
    template <class Ctx>
    static constexpr void render_definition(Ctx& ctx, const cte_table* self) {
        ctx.put_identifier(Name.view());
        ctx.put(" AS (");
        Q::render_body(ctx, detail::member_of(self, &cte_table::query));
        ctx.put(')');
    }
    template <class B>
    constexpr void bind_definition(B& b) const {
        query.bind(b);
    }
};

// A CTE whose shape is a declared table type (needed for recursion).
template <class Table, class Q, bool Recursive>
struct table_cte {
    static constexpr bool recursive = Recursive;
    using table = Table;
    Q query;

    template <class Ctx>
    static constexpr void render_definition(Ctx& ctx, const table_cte* self) {
        ctx.put_identifier(Table::retort_name.view());
        ctx.put(" (");
        render_names(ctx, detail::table_columns<Table>{});
        ctx.put(") AS (");
        Q::render_body(ctx, detail::member_of(self, &table_cte::query));
        ctx.put(')');
    }
    template <class B>
    constexpr void bind_definition(B& b) const {
        query.bind(b);
    }

private:
    template <class Ctx, class... Cs>
    static constexpr void render_names(Ctx& ctx, tl::list<Cs...>) {
        std::size_t i = 0;
        ((ctx.put(i++ == 0 ? "" : ", "), Cs::render_name(ctx)), ...);
    }
};

namespace detail {
// Does the recursive term (the member after the last UNION) aggregate? PostgreSQL refuses it.
template <class Q>
struct recursive_term_aggregates : std::false_type {};
template <class Op, class L, class R, class O, class Li, class Of>
struct recursive_term_aggregates<compound_select<Op, L, R, O, Li, Of>> : std::bool_constant<R::has_aggregate> {};

// The tables a query reads (its FROM and what its clauses name), and its non-recursive term:
// a compound's members before the last one, or the whole of a query that is no compound.
template <class Q>
struct tables_read {
    using type = tl::unique<tl::concat<typename Q::correlation::used_tables, typename Q::from_type::tables>>;
};
template <class Op, class L, class R, class O, class Li, class Of>
struct tables_read<compound_select<Op, L, R, O, Li, Of>> {
    using type = tl::unique<tl::concat<typename tables_read<L>::type, typename tables_read<R>::type>>;
};
template <class Q>
struct non_recursive_term {
    using type = Q;
};
template <class Op, class L, class R, class O, class Li, class Of>
struct non_recursive_term<compound_select<Op, L, R, O, Li, Of>> {
    using type = L;
};

template <class Table, class Q, class Cols, std::size_t... I>
consteval void check_cte_shape(std::index_sequence<I...>) {
    (rules::assignable<tl::at<I, Cols>::sql_type::category,
                       std::tuple_element_t<I, typename Q::items_type>::sql_type::category>(),
     ...);
    RETORT_RULE("retort: a CTE column declared NOT NULL is given values that may be NULL (a nullable column, "
                "an outer join); declare the column nullable",
                ((tl::at<I, Cols>::nullable || !Q::item_nullable[I]) && ...));
}
template <class Table, class Q, bool Recursive>
constexpr auto make_table_cte(const Q& query) {
    using cols = table_columns<Table>;
    RETORT_RULE("retort: the CTE's query must select one value per column of its table type",
                cols::size == std::tuple_size_v<typename Q::items_type>);
    if constexpr (cols::size == std::tuple_size_v<typename Q::items_type>)
        check_cte_shape<Table, Q, cols>(std::make_index_sequence<cols::size>{});
    if constexpr (Recursive) {
        RETORT_RULE("retort: aggregate functions are not allowed in a recursive CTE's recursive term (the member "
                    "after UNION); aggregate in the query that reads the CTE",
                    !recursive_term_aggregates<Q>::value);
        RETORT_RULE("retort: a recursive CTE's non-recursive term (the query before UNION) reads the CTE itself; "
                    "only the member after UNION may",
                    !tl::contains<Table, typename tables_read<typename non_recursive_term<Q>::type>::type>);
    }
    Q::template validate<tl::list<>>();
    return table_cte<Table, Q, Recursive>{query};
}
}  // namespace detail

template <table_type T, class Q>
constexpr auto recursive_cte(const T&, const Q& query) {
    return detail::make_table_cte<T, Q, true>(query);
}
template <table_type T, class Q>
constexpr auto table_cte_of(const T&, const Q& query) {
    return detail::make_table_cte<T, Q, false>(query);
}

template <class... Ctes>
struct with_clause {
    static constexpr bool present = true;
    static constexpr bool recursive = (Ctes::recursive || ...);
    using tables = tl::list<>;
    using columns = tl::list<>;
    using defined = tl::list<Ctes...>;
    std::tuple<Ctes...> ctes;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const with_clause* self) {
        ctx.put(recursive ? "WITH RECURSIVE " : "WITH ");
        render_all(ctx, self ? &self->ctes : nullptr, std::index_sequence_for<Ctes...>{});
        ctx.put(' ');
    }
    template <class B>
    constexpr void bind(B& b) const {
        std::apply([&](const auto&... c) { (c.bind_definition(b), ...); }, ctes);
    }

private:
    template <class Ctx, class Tuple, std::size_t... I>
    static constexpr void render_all(Ctx& ctx, const Tuple* c, std::index_sequence<I...>) {
        ((ctx.put(I == 0 ? "" : ", "), std::tuple_element_t<I, Tuple>::render_definition(ctx, detail::part<I>(c))), ...);
    }
};

template <class Parts>
template <class... Ctes>
constexpr auto select_statement<Parts>::with_(const Ctes&... ctes) const {
    RETORT_RULE("retort: with_() needs CTEs: with_(query.cte<\"name\">())",
                sizeof...(Ctes) > 0);
    RETORT_RULE("retort: with_() given twice; list every CTE in one call",
                !part_t<select_part::with>::present);
    RETORT_RULE("retort: two CTEs of one WITH have one name; rename one",
                detail::distinct_from_names(typename detail::declared_tables_of<tl::list<Ctes...>>::type{}));
    return with<select_part::with>(with_clause<Ctes...>{{ctes...}});
}

template <class Parts>
template <fixed_string Name>
constexpr auto select_statement<Parts>::cte() const {
    validate<tl::list<>>();
    return cte_table<select_statement, Name>{{}, *this};
}
template <class Op, class L, class R, class O, class Li, class Of>
template <fixed_string Name>
constexpr auto compound_select<Op, L, R, O, Li, Of>::cte() const {
    validate<tl::list<>>();
    return cte_table<compound_select, Name>{{}, *this};
}

}  // namespace retort
