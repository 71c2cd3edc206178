#pragma once
// SELECT. select(users) selects every column of users; select(users.id, users.username)
// selects those. FROM is taken from the selected columns (one table) unless
// select_from(...) names it; a column of a table not in FROM is a compile error.
//   select(users).where(users.age > 25).order_by(users.username).limit(10)
#include <retort/core/rule.hpp>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/core/expression.hpp>
#include <retort/expr/function.hpp>
#include <retort/expr/label.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/schema/table.hpp>
#include <retort/stmt/clause.hpp>
#include <retort/stmt/derived_column.hpp>
#include <retort/stmt/from.hpp>
#include <retort/stmt/group_by.hpp>
#include <retort/stmt/join.hpp>
#include <retort/stmt/limit_offset.hpp>
#include <retort/stmt/order_by.hpp>
#include <retort/stmt/row.hpp>
#include <retort/stmt/select_clauses.hpp>
#include <retort/stmt/where_clause.hpp>

namespace retort {

namespace select_part {
enum : std::size_t { items, from, where, group_by, having, order_by, limit, offset, distinct, lock, with };
}

namespace detail {

// A selected item: an expression; in the select list a label renders as "x AS name".
template <class Ctx, class E>
constexpr void render_select_item(Ctx& ctx, const E* item) {
    if constexpr (requires { E::label; }) E::render_definition(ctx, item);
    else E::render(ctx, item);
}

template <class Ctx, class Tuple, std::size_t... I>
constexpr void render_select_items(Ctx& ctx, const Tuple* items, std::index_sequence<I...>) {
    ((ctx.put(I == 0 ? "" : ", "), render_select_item(ctx, part<I>(items))), ...);
}

template <class... Cs>
consteval bool derived_names_differ(std::tuple<Cs...>*) {
    return all_different({Cs::derived_name.view()...});
}

// Expands select(users) into the columns of users.
template <class A>
constexpr auto select_items_of(const A& arg) {
    if constexpr (table_type<A>) {
        return tl::apply<table_columns<A>, std::tuple>{};
    } else if constexpr (requires { typename A::retort_derived_columns; }) {
        // Each is rendered by name ("sub"."id"): two of one name would be ambiguous.
        RETORT_RULE("retort: select(subquery) of a subquery or CTE that selects two columns of one name; label "
                    "them apart with .as<\"name\">()",
                    derived_names_differ(static_cast<typename A::retort_derived_columns*>(nullptr)));
        return typename A::retort_derived_columns{};  // select(subquery): all its columns
    } else {
        RETORT_RULE("retort: select() takes tables, columns and expressions",
                    expression<A>);
        if constexpr (expression<A>) return std::tuple<A>{arg};
        else return std::tuple<>{};  // after a broken rule: the item is left out, no cascade
    }
}

// Is the argument of select() the selected item itself (not a table or a subquery to expand)?
template <class A>
inline constexpr bool selects_itself = !table_type<A> && !requires { typename A::retort_derived_columns; };

template <class... Es, std::size_t... I>
constexpr part_list<Es...> as_part_list(const std::tuple<Es...>& items, std::index_sequence<I...>) {
    return {{{std::get<I>(items)}...}};
}
template <class... Es>
constexpr part_list<Es...> as_part_list(const std::tuple<Es...>& items) {
    return as_part_list(items, std::index_sequence_for<Es...>{});
}

// The selected items of select(args...) as one part_list. Usually every argument is an item, or
// none is (tables, subqueries: their columns, which hold nothing): the tuple is then built in
// one step, without tuple_cat's per-argument tuples (the costliest thing in a statement's
// compilation when each builds its own).
template <class... Args>
constexpr auto select_items(const Args&... args) {
    if constexpr ((selects_itself<Args> && ...) && (expression<Args> && ...)) {
        return part_list<Args...>{{{args}...}};
    } else if constexpr (!(selects_itself<Args> || ...)) {
        ((void)select_items_of(args), ...);  // the rules
        return tl::apply<tl::concat<tl::apply<decltype(select_items_of(args)), tl::list>...>, part_list>{};
    } else {
        return as_part_list(std::tuple_cat(select_items_of(args)...));
    }
}

// May the item be NULL as read, given the tables on the nullable side of an outer join?
// An expression over such a table may be, except coalesce(...), NULL only when all its
// arguments are: coalesce(posts.title, "(none)") is not.
template <class E, class NullableTables>
struct nullable_as_read
    : std::bool_constant<E::nullable ||
                         (!E::aggregate && tl::difference<typename E::tables, NullableTables>::size < E::tables::size)> {};
template <fixed_string Name, class SqlType, class... Args, class NullableTables>
struct nullable_as_read<function_call<Name, SqlType, null_rule::all_arguments, false, Args...>, NullableTables>
    : std::bool_constant<(nullable_as_read<Args, NullableTables>::value && ...)> {};
template <class E, fixed_string N, class NullableTables>
struct nullable_as_read<labeled<E, N>, NullableTables> : nullable_as_read<E, NullableTables> {};

template <class E, class NullableTables>
inline constexpr bool on_optional_side = nullable_as_read<E, NullableTables>::value;

template <class Items, class NullableTables>
struct row_of_items;
template <class... Es, class NullableTables>
struct row_of_items<part_list<Es...>, NullableTables> {
    using type = row<typename field_of<Es, on_optional_side<Es, NullableTables>>::member...>;
    // Per item: may it be NULL (as read)?
    static constexpr std::array<bool, sizeof...(Es)> nullable = {(Es::nullable || on_optional_side<Es, NullableTables>)...};
};

// The columns a grouped query may use outside aggregates: the grouped ones, and every
// column of a table whose primary key is grouped (functional dependency, as PostgreSQL).
template <class Grouped, class Tables>
struct grouped_columns_impl;
template <class Grouped, class... Ts>
struct grouped_columns_impl<Grouped, tl::list<Ts...>> {
    // Only tables have keys; subqueries and CTEs in FROM group by their columns alone.
    template <class T>
    static consteval bool pk_grouped() {
        if constexpr (requires { typename T::retort_source_table; }) {
            using pk = primary_key_columns<T>;
            return pk::size > 0 && tl::is_subset<pk, Grouped>;
        } else {
            return false;
        }
    }
    template <class T, bool = pk_grouped<T>()>
    struct columns_if_grouped {
        using type = tl::list<>;
    };
    template <class T>
    struct columns_if_grouped<T, true> {
        using type = table_columns<T>;
    };
    using type = tl::concat<Grouped, typename columns_if_grouped<Ts>::type...>;
};

template <class G, bool = G::present>
struct group_expressions_of {
    using type = tl::list<>;
};
template <class G>
struct group_expressions_of<G, true> {
    using type = typename G::expressions;
};

template <class E>
struct unlabeled {
    using type = E;
};
template <class E, fixed_string N>
struct unlabeled<labeled<E, N>> {
    using type = E;
};

template <class Items, class Grouped>
struct not_grouped_items;
template <class... Es, class Grouped>
struct not_grouped_items<tl::list<Es...>, Grouped> {
    using type = tl::concat<std::conditional_t<tl::contains<typename unlabeled<Es>::type, Grouped>, tl::list<>, tl::list<Es>>...>;
};

// The tables a WITH clause declares: a CTE made with .cte<"name">() is its own table; one
// made with recursive_cte(table, query) declares that table.
template <class C>
struct cte_declared_table {
    using type = C;
};
template <class C>
    requires requires { typename C::table; }
struct cte_declared_table<C> {
    using type = typename C::table;
};
template <class Ctes>
struct declared_tables_of;
template <class... Cs>
struct declared_tables_of<tl::list<Cs...>> {
    using type = tl::list<typename cte_declared_table<Cs>::type...>;
};
template <class W, bool = W::present>
struct with_declared {
    using type = tl::list<>;
};
template <class W>
struct with_declared<W, true> {
    using type = typename declared_tables_of<typename W::defined>::type;
};

// The expressions an ORDER BY orders by (without ASC/DESC).
template <class O>
struct ordered_expressions {
    using type = tl::list<>;
};
template <class... Items>
struct ordered_expressions<order_by_clause<Items...>> {
    using type = tl::list<typename Items::expression_type...>;
};

template <class E>
struct is_labeled : std::false_type {};
template <class E, fixed_string N>
struct is_labeled<labeled<E, N>> : std::true_type {};

// The expressions of DISTINCT ON (...), none for another DISTINCT.
template <class D>
struct distinct_on_expressions {
    using type = tl::list<>;
};
template <class... Es>
struct distinct_on_expressions<distinct_on_clause<Es...>> {
    using type = tl::list<typename unlabeled<Es>::type...>;
};

// Do the leading ORDER BY items (as many as there are DISTINCT ON expressions) all belong to
// DISTINCT ON's set? PostgreSQL requires it: its DISTINCT ON keeps the first row of each group.
template <class Ordered, class DistinctOn>
struct ordered_by_distinct_on_first;
template <class... Os, class DistinctOn>
struct ordered_by_distinct_on_first<tl::list<Os...>, DistinctOn> {
    static constexpr bool value = [] {
        constexpr bool in_set[] = {false, tl::contains<typename unlabeled<Os>::type, DistinctOn>...};
        for (std::size_t i = 0; i < sizeof...(Os) && i < DistinctOn::size; ++i)
            if (!in_set[i + 1]) return false;
        return true;
    }();
};

// What an ORDER BY may name when the rows are the selected items only (DISTINCT, UNION):
// an item, or the expression under an item's label.
template <class Items>
struct nameable_items;
template <class... Es>
struct nameable_items<tl::list<Es...>> {
    using type = tl::list<Es..., typename unlabeled<Es>::type...>;
};

// A selected item with a name of its own (a column, a label): what a UNION's ORDER BY can name.
template <class E>
struct is_named_item : std::bool_constant<!item_name<E>().empty()> {};

// Does a select list hold an aggregate?
template <class Items>
struct items_aggregate;
template <class... Es>
struct items_aggregate<tl::list<Es...>> : std::bool_constant<(Es::aggregate || ... || false)> {};

template <class T>
struct is_cte_table : std::bool_constant<requires { T::recursive; typename T::retort_derived_columns; }> {};

// The columns (of a list) that belong to the given tables.
template <class Columns, class Tables>
struct columns_of_tables_impl;
template <class... Cs, class Tables>
struct columns_of_tables_impl<tl::list<Cs...>, Tables> {
    using type = tl::concat<std::conditional_t<tl::contains<typename Cs::table_type, Tables>, tl::list<Cs>, tl::list<>>...>;
};
template <class Columns, class Tables>
using columns_of_tables = typename columns_of_tables_impl<Columns, Tables>::type;

}  // namespace detail

template <class Parts>
struct select_statement {
    Parts parts;

    template <std::size_t I>
    using part_t = detail::part_type<I, Parts>;
    // Part I's base in `parts`: a part is reached by a cast to it, where get_part<I>() would be
    // one more function a part and statement for the compiler to build.
    template <std::size_t I>
    using part_base = detail::indexed_part<I, part_t<I>>;
    // The builders below replace part I by calling replace_at themselves, not through with<I>().
    template <std::size_t I>
    using split_at = detail::split_at<I, std::tuple_size_v<Parts>>;
    using items_type = part_t<select_part::items>;
    using item_list = tl::apply<items_type, tl::list>;
    using item_tables = tl::apply<item_list, detail::tables_union>;
    using from_type = std::conditional_t<part_t<select_part::from>::present, part_t<select_part::from>,
                                         inferred_from<item_tables>>;
    using row_type = typename detail::row_of_items<items_type, typename from_type::nullable_tables>::type;
    static constexpr auto item_nullable = detail::row_of_items<items_type, typename from_type::nullable_tables>::nullable;
    static constexpr bool returns_rows = true;
    static constexpr bool has_lock = part_t<select_part::lock>::present;
    // An aggregate at this query's level (select list, HAVING, ORDER BY; not in a subquery).
    static constexpr bool has_aggregate = detail::items_aggregate<item_list>::value ||
                                          part_t<select_part::having>::aggregate ||
                                          part_t<select_part::order_by>::aggregate;
    static constexpr bool has_order_or_limit = part_t<select_part::order_by>::present ||
                                               part_t<select_part::limit>::present ||
                                               part_t<select_part::offset>::present;
    // How the query relates to the queries around it. A nested class is instantiated when
    // first used (the statement checked, or used as a subquery or CTE), not with the statement:
    // the statement each builder call makes on the way does not compute it.
    struct correlation {
        // Tables the statement uses; those not in its FROM belong to an enclosing query.
        using used_tables = tl::unique<tl::concat<item_tables, typename part_t<select_part::where>::tables,
                                                  typename part_t<select_part::group_by>::tables,
                                                  typename part_t<select_part::having>::tables,
                                                  typename part_t<select_part::order_by>::tables>>;
        // CTEs in FROM that this query does not declare itself: an enclosing query's WITH must
        // (they count as tables of the enclosing query, as correlated columns do).
        using declared_ctes = typename detail::with_declared<part_t<select_part::with>>::type;
        using undeclared_ctes =
            tl::difference<tl::filter<typename from_type::tables, detail::is_cte_table>, declared_ctes>;
        // The enclosing queries' tables it uses.
        using tables =
            tl::unique<tl::concat<tl::difference<used_tables, typename from_type::tables>, undeclared_ctes>>;
        // The enclosing queries' columns it uses: a grouped enclosing query must group them (a
        // CTE in its own FROM is declared outside but read here: its columns are not outer columns).
        using columns = detail::columns_of_tables<
            tl::unique<tl::concat<tl::apply<item_list, detail::columns_union>, typename part_t<select_part::where>::columns,
                                  typename part_t<select_part::group_by>::columns,
                                  typename part_t<select_part::having>::columns,
                                  typename part_t<select_part::order_by>::columns>>,
            tl::difference<used_tables, typename from_type::tables>>;
    };

    // where(a).where(b) is WHERE a AND b.
    template <class E>
    constexpr auto where(E&& condition) const {
        return detail::replace_at<select_statement>(
            parts,
            detail::add_where(static_cast<const part_base<select_part::where>&>(parts).value, std::forward<E>(condition)),
            split_at<select_part::where>{});
    }
    template <class... Sources>
    constexpr auto select_from(Sources&&... sources) const {
        RETORT_RULE("retort: select_from() needs a table or a join",
                    sizeof...(Sources) > 0);
        return detail::replace_at<select_statement>(
            parts,
            from_clause<detail::from_source_t<Sources>...>{{{{detail::as_from_source(std::forward<Sources>(sources))}...}}},
            split_at<select_part::from>{});
    }
    // select(users).join(posts): joins to what FROM holds now (one table or one join).
    template <class R, class... On>
    constexpr auto join(const R& right, On&&... on) const {
        return detail::replace_at<select_statement>(
            parts,
            from_clause<decltype(from_source().join(right, std::forward<On>(on)...))>{
                {{{from_source().join(right, std::forward<On>(on)...)}}}},
            split_at<select_part::from>{});
    }
    template <class R, class... On>
    constexpr auto outerjoin(const R& right, On&&... on) const {
        return detail::replace_at<select_statement>(
            parts,
            from_clause<decltype(from_source().outerjoin(right, std::forward<On>(on)...))>{
                {{{from_source().outerjoin(right, std::forward<On>(on)...)}}}},
            split_at<select_part::from>{});
    }
    template <class... Items>
    constexpr auto order_by(Items&&... items) const {
        return detail::replace_at<select_statement>(
            parts,
            detail::add_order_by(static_cast<const part_base<select_part::order_by>&>(parts).value,
                                 std::forward<Items>(items)...),
            split_at<select_part::order_by>{});
    }
    template <class... Es>
    constexpr auto group_by(Es&&... es) const {
        RETORT_RULE("retort: group_by() given twice",
                    !part_t<select_part::group_by>::present);
        return detail::replace_at<select_statement>(parts, detail::make_group_by(std::forward<Es>(es)...),
                                                    split_at<select_part::group_by>{});
    }
    template <class E>
    constexpr auto having(E&& condition) const {
        RETORT_RULE("retort: having() given twice; combine with &&",
                    !part_t<select_part::having>::present);
        return detail::replace_at<select_statement>(parts, detail::make_having(std::forward<E>(condition)),
                                                    split_at<select_part::having>{});
    }
    template <class N>
    constexpr auto limit(N count) const {
        return detail::replace_at<select_statement>(parts, limit_clause{detail::row_count(count)},
                                                    split_at<select_part::limit>{});
    }
    template <class N>
    constexpr auto offset(N count) const {
        return detail::replace_at<select_statement>(parts, offset_clause{detail::row_count(count)},
                                                    split_at<select_part::offset>{});
    }
    constexpr auto distinct() const {
        return detail::replace_at<select_statement>(parts, distinct_clause{}, split_at<select_part::distinct>{});
    }
    // DISTINCT ON (...): PostgreSQL only (not_supported_error on SQLite).
    template <class... Es>
    constexpr auto distinct_on(Es&&... es) const {
        RETORT_RULE("retort: distinct_on() takes expressions",
                    sizeof...(Es) > 0 && (expression<Es> && ...));
        return detail::replace_at<select_statement>(
            parts, distinct_on_clause<std::remove_cvref_t<Es>...>{{{{std::forward<Es>(es)}...}}},
            split_at<select_part::distinct>{});
    }
    template <class... Options>
    constexpr auto with_for_update(Options... options) const {
        return detail::replace_at<select_statement>(parts, detail::make_lock<false>(options...),
                                                    split_at<select_part::lock>{});
    }
    template <class... Options>
    constexpr auto with_for_share(Options... options) const {
        return detail::replace_at<select_statement>(parts, detail::make_lock<true>(options...),
                                                    split_at<select_part::lock>{});
    }
    // WITH: common table expressions this query uses (see cte.hpp).
    template <class... Ctes>
    constexpr auto with_(const Ctes&... ctes) const;

    // Derived forms (subquery.hpp, cte.hpp, compound.hpp).
    constexpr auto scalar_subquery() const;
    template <fixed_string Name>
    constexpr auto subquery() const;
    template <fixed_string Name>
    constexpr auto cte() const;
    template <class Q> constexpr auto union_(const Q& other) const;
    template <class Q> constexpr auto union_all(const Q& other) const;
    template <class Q> constexpr auto intersect(const Q& other) const;
    template <class Q> constexpr auto except_(const Q& other) const;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const select_statement* self) {
        validate<tl::list<>>();
        render_body(ctx, self);
    }

    // The statement's text without its checks: a subquery is checked by its enclosing query.
    template <class Ctx>
    static constexpr void render_body(Ctx& ctx, const select_statement* self) {
        const Parts* p = self ? &self->parts : nullptr;
        part_t<select_part::with>::render(ctx, detail::part<select_part::with>(p));
        ctx.put("SELECT ");
        part_t<select_part::distinct>::render(ctx, detail::part<select_part::distinct>(p));
        detail::render_select_items(ctx, detail::part<select_part::items>(p),
                                    std::make_index_sequence<std::tuple_size_v<items_type>>{});
        if constexpr (part_t<select_part::from>::present)
            part_t<select_part::from>::render(ctx, detail::part<select_part::from>(p));
        else
            from_type::render(ctx, nullptr);
        part_t<select_part::where>::render(ctx, detail::part<select_part::where>(p));
        part_t<select_part::group_by>::render(ctx, detail::part<select_part::group_by>(p));
        part_t<select_part::having>::render(ctx, detail::part<select_part::having>(p));
        part_t<select_part::order_by>::render(ctx, detail::part<select_part::order_by>(p));
        if constexpr (Ctx::dialect::kind == dialect_kind::sqlite && part_t<select_part::offset>::present &&
                      !part_t<select_part::limit>::present)
            ctx.put(" LIMIT -1");  // SQLite has no OFFSET without LIMIT
        part_t<select_part::limit>::render(ctx, detail::part<select_part::limit>(p));
        part_t<select_part::offset>::render(ctx, detail::part<select_part::offset>(p));
        part_t<select_part::lock>::render(ctx, detail::part<select_part::lock>(p));
    }

    // Binds in the order render() placed the placeholders.
    template <class B>
    constexpr void bind(B& b) const {
        static_cast<const part_base<select_part::with>&>(parts).value.bind(b);
        static_cast<const part_base<select_part::distinct>&>(parts).value.bind(b);
        detail::bind_all(b, static_cast<const part_base<select_part::items>&>(parts).value);
        if constexpr (part_t<select_part::from>::present)
            static_cast<const part_base<select_part::from>&>(parts).value.bind(b);
        static_cast<const part_base<select_part::where>&>(parts).value.bind(b);
        static_cast<const part_base<select_part::group_by>&>(parts).value.bind(b);
        static_cast<const part_base<select_part::having>&>(parts).value.bind(b);
        static_cast<const part_base<select_part::order_by>&>(parts).value.bind(b);
        static_cast<const part_base<select_part::limit>&>(parts).value.bind(b);
        static_cast<const part_base<select_part::offset>&>(parts).value.bind(b);
    }

    // The statement's rules; Outer are the tables of enclosing queries (correlation).
    template <class Outer>
    static constexpr bool validate() {
        using declared_ctes = typename correlation::declared_ctes;
        using available = tl::concat<typename from_type::tables, Outer, declared_ctes>;
        RETORT_RULE("retort: a CTE is used in FROM but not declared; add .with_(the_cte)",
                    tl::is_subset<tl::filter<tl::concat<typename from_type::tables, typename correlation::used_tables>,
                                             detail::is_cte_table>,
                                  tl::concat<declared_ctes, Outer>>);
        RETORT_RULE("retort: columns of several tables but no FROM to relate them (implicit cartesian "
                      "product); use select_from(a.join(b))",
                    part_t<select_part::from>::present || item_tables::size <= 1 ||
                          tl::is_subset<tl::difference<item_tables, Outer>, tl::list<tl::front<item_tables>>>);
        RETORT_RULE("retort: a selected column's table is not in FROM; add it with select_from(...) or a join",
                    tl::is_subset<item_tables, available>);
        RETORT_RULE("retort: WHERE uses a column of a table that is not in FROM (no implicit cartesian "
                      "product); join that table",
                    tl::is_subset<typename part_t<select_part::where>::tables, available>);
        RETORT_RULE("retort: ORDER BY uses a column of a table that is not in FROM",
                    tl::is_subset<typename part_t<select_part::order_by>::tables, available>);
        RETORT_RULE("retort: HAVING uses a column of a table that is not in FROM",
                    tl::is_subset<typename part_t<select_part::having>::tables, available>);
        validate_grouping();
        validate_ordering_and_locking();
        return true;
    }

    // This statement with part I replaced.
    template <std::size_t I, class New>
    constexpr auto with(New&& replacement) const {
        return detail::replace_at<select_statement>(parts, std::forward<New>(replacement), split_at<I>{});
    }

private:
    // The single FROM source a statement-level join() extends.
    constexpr auto from_source() const {
        if constexpr (part_t<select_part::from>::present) {
            RETORT_RULE("retort: join() needs a single FROM source; use select_from(a.join(b), ...)",
                        std::tuple_size_v<decltype(static_cast<const part_base<select_part::from>&>(parts).value.sources)> == 1);
            return detail::get_part<0>(static_cast<const part_base<select_part::from>&>(parts).value.sources);
        } else {
            RETORT_RULE("retort: join() needs a table to start from; use select_from(a.join(b))",
                        item_tables::size > 0);
            return table_source<tl::front<item_tables>>{};  // the leftmost selected table, as SQLAlchemy
        }
    }

    static constexpr void validate_ordering_and_locking() {
        using ordered = typename detail::ordered_expressions<part_t<select_part::order_by>>::type;
        if constexpr (std::is_same_v<part_t<select_part::distinct>, distinct_clause>) {
            RETORT_RULE("retort: with DISTINCT, ORDER BY may only use selected columns or labels; select what you order by",
                        tl::is_subset<ordered, typename detail::nameable_items<item_list>::type>);
        }
        // ORDER BY renders a label as its name, which names nothing unless the label is selected.
        RETORT_RULE("retort: ORDER BY names a label the query does not select; select the labeled expression "
                    "or order by the expression without its label",
                    tl::is_subset<tl::filter<ordered, detail::is_labeled>, item_list>);
        using distinct_on = typename detail::distinct_on_expressions<part_t<select_part::distinct>>::type;
        if constexpr (distinct_on::size > 0) {
            RETORT_RULE("retort: DISTINCT ON expressions must match the leading ORDER BY items; order by the "
                        "DISTINCT ON expressions first",
                        detail::ordered_by_distinct_on_first<ordered, distinct_on>::value);
        }
        if constexpr (part_t<select_part::lock>::present) {
            RETORT_RULE("retort: FOR UPDATE/FOR SHARE is not allowed with GROUP BY, HAVING, DISTINCT or aggregate "
                        "functions; lock the rows in a query of their own",
                        !part_t<select_part::group_by>::present && !part_t<select_part::having>::present &&
                            !part_t<select_part::distinct>::present && !tl::apply<item_list, any_aggregate>::value);
            // The lock names every table in FROM (there is no FOR UPDATE OF), the nullable side too.
            RETORT_RULE("retort: FOR UPDATE/FOR SHARE cannot lock the nullable side of an outer join; use an inner "
                        "join, or lock the rows in a query of their own",
                        from_type::nullable_tables::size == 0);
        }
    }

    static constexpr void validate_grouping() {
        constexpr bool items_aggregate = tl::apply<item_list, any_aggregate>::value;
        // An aggregate in ORDER BY groups the query too (SELECT x ... ORDER BY count(*) is an error).
        constexpr bool grouped = part_t<select_part::group_by>::present || items_aggregate ||
                                 part_t<select_part::having>::present || part_t<select_part::order_by>::aggregate;
        if constexpr (grouped) {
            // Grouped: the columns grouped by themselves (grouping by lower(x) does not group x).
            using group_expressions = typename detail::group_expressions_of<part_t<select_part::group_by>>::type;
            using group_columns = tl::filter<group_expressions, detail::is_column>;
            using allowed = typename detail::grouped_columns_impl<group_columns, typename from_type::tables>::type;
            // Columns of enclosing queries are constants here.
            using own = typename from_type::tables;
            // An item that is itself a GROUP BY expression is grouped whatever its columns.
            using ungrouped_items = typename detail::not_grouped_items<item_list, group_expressions>::type;
            using item_columns = detail::columns_of_tables<tl::apply<ungrouped_items, detail::columns_union>, own>;
            RETORT_RULE("retort: a selected column is neither grouped nor aggregated; add it to group_by() or "
                          "wrap it in an aggregate",
                        tl::is_subset<item_columns, allowed>);
            RETORT_RULE("retort: HAVING uses a column that is neither grouped nor aggregated",
                        tl::is_subset<detail::columns_of_tables<typename part_t<select_part::having>::columns, own>, allowed>);
            RETORT_RULE("retort: ORDER BY uses a column that is neither grouped nor aggregated",
                        tl::is_subset<detail::columns_of_tables<typename part_t<select_part::order_by>::columns, own>, allowed>);
        }
    }

    template <class... Es>
    struct any_aggregate : std::bool_constant<(Es::aggregate || ... || false)> {};
};

template <class... Args>
constexpr auto select(const Args&... args) {
    RETORT_RULE("retort: select() needs tables, columns or expressions",
                sizeof...(Args) > 0);
    using items = decltype(detail::select_items(args...));
    using parts = detail::part_list<items, no_clause, no_clause, no_clause, no_clause, no_clause, no_clause,
                                    no_clause, no_clause, no_clause, no_clause>;
    return select_statement<parts>{parts{{{detail::select_items(args...)}, {}, {}, {}, {}, {}, {},
                                          {}, {}, {}, {}}}};
}

}  // namespace retort
