#pragma once
// SELECT. select(users) selects every column of users; select(users.id, users.username)
// selects those. FROM is taken from the selected columns (one table) unless
// select_from(...) names it; a column of a table not in FROM is a compile error.
//   select(users).where(users.age > 25).order_by(users.username).limit(10)
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/expr/expression.hpp>
#include <retort/expr/label.hpp>
#include <retort/result/row.hpp>
#include <retort/schema/table.hpp>
#include <retort/stmt/clause.hpp>
#include <retort/stmt/from.hpp>
#include <retort/stmt/group_by.hpp>
#include <retort/stmt/join.hpp>
#include <retort/stmt/limit_offset.hpp>
#include <retort/stmt/order_by.hpp>
#include <retort/stmt/where_clause.hpp>

namespace retort {

struct distinct_clause {
    static constexpr bool present = true;
    using tables = tl::list<>;
    using columns = tl::list<>;
    template <class Ctx>
    static constexpr void render(Ctx& ctx, const distinct_clause*) {
        ctx.put("DISTINCT ");
    }
    template <class B>
    constexpr void bind(B&) const {}
};

namespace select_part {
enum : std::size_t { items, from, where, group_by, having, order_by, limit, offset, distinct, lock };
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

// Expands select(users) into the columns of users.
template <class A>
constexpr auto select_items_of(const A& arg) {
    if constexpr (table_type<A>) {
        return tl::apply<table_columns<A>, std::tuple>{};
    } else {
        static_assert(expression<A>, "retort: select() takes tables, columns and expressions");
        return std::tuple<A>{arg};
    }
}

template <class E, class NullableTables>
inline constexpr bool on_optional_side = [] {
    if constexpr (E::aggregate) return false;
    else return tl::difference<typename E::tables, NullableTables>::size < E::tables::size;
}();

template <class Items, class NullableTables>
struct row_of_items;
template <class... Es, class NullableTables>
struct row_of_items<std::tuple<Es...>, NullableTables> {
    using type = row<typename field_of<Es, on_optional_side<Es, NullableTables>>::member...>;
};

// The columns a grouped query may use outside aggregates: the grouped ones, and every
// column of a table whose primary key is grouped (functional dependency, as PostgreSQL).
template <class Grouped, class Tables>
struct grouped_columns_impl;
template <class Grouped, class... Ts>
struct grouped_columns_impl<Grouped, tl::list<Ts...>> {
    template <class T>
    static constexpr bool pk_grouped = [] {
        using pk = primary_key_columns<T>;
        return pk::size > 0 && tl::is_subset<pk, Grouped>;
    }();
    using type = tl::concat<Grouped, std::conditional_t<pk_grouped<Ts>, table_columns<Ts>, tl::list<>>...>;
};

}  // namespace detail

template <class Parts>
struct select_statement {
    Parts parts;

    template <std::size_t I>
    using part_t = std::tuple_element_t<I, Parts>;
    using items_type = part_t<select_part::items>;
    using item_tables = typename tl::apply<tl::apply<items_type, tl::list>, detail::tables_union>;
    using from_type = std::conditional_t<part_t<select_part::from>::present, part_t<select_part::from>,
                                         inferred_from<item_tables>>;
    using row_type = typename detail::row_of_items<items_type, typename from_type::nullable_tables>::type;
    static constexpr bool returns_rows = true;

    // where(a).where(b) is WHERE a AND b.
    template <class E>
    constexpr auto where(E&& condition) const {
        return with<select_part::where>(detail::add_where(std::get<select_part::where>(parts), std::forward<E>(condition)));
    }
    template <class... Sources>
    constexpr auto select_from(Sources&&... sources) const {
        static_assert(sizeof...(Sources) > 0, "retort: select_from() needs a table or a join");
        return with<select_part::from>(
            from_clause<detail::from_source_t<Sources>...>{{detail::as_from_source(std::forward<Sources>(sources))...}});
    }
    // select(users).join(posts): joins to what FROM holds now (one table or one join).
    template <class R, class... On>
    constexpr auto join(const R& right, On&&... on) const {
        return with<select_part::from>(from_clause<decltype(from_source().join(right, std::forward<On>(on)...))>{
            {from_source().join(right, std::forward<On>(on)...)}});
    }
    template <class R, class... On>
    constexpr auto outerjoin(const R& right, On&&... on) const {
        return with<select_part::from>(from_clause<decltype(from_source().outerjoin(right, std::forward<On>(on)...))>{
            {from_source().outerjoin(right, std::forward<On>(on)...)}});
    }
    template <class... Items>
    constexpr auto order_by(Items&&... items) const {
        return with<select_part::order_by>(
            detail::add_order_by(std::get<select_part::order_by>(parts), std::forward<Items>(items)...));
    }
    template <class... Es>
    constexpr auto group_by(Es&&... es) const {
        static_assert(!part_t<select_part::group_by>::present, "retort: group_by() given twice");
        return with<select_part::group_by>(detail::make_group_by(std::forward<Es>(es)...));
    }
    template <class E>
    constexpr auto having(E&& condition) const {
        static_assert(!part_t<select_part::having>::present, "retort: having() given twice; combine with &&");
        return with<select_part::having>(detail::make_having(std::forward<E>(condition)));
    }
    constexpr auto limit(std::int64_t count) const { return with<select_part::limit>(limit_clause{count}); }
    constexpr auto offset(std::int64_t count) const { return with<select_part::offset>(offset_clause{count}); }
    constexpr auto distinct() const { return with<select_part::distinct>(distinct_clause{}); }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const select_statement* self) {
        validate<tl::list<>>();
        const Parts* p = self ? &self->parts : nullptr;
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
    }

    // Binds in the order render() placed the placeholders.
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, std::get<select_part::items>(parts));
        if constexpr (part_t<select_part::from>::present) std::get<select_part::from>(parts).bind(b);
        std::get<select_part::where>(parts).bind(b);
        std::get<select_part::group_by>(parts).bind(b);
        std::get<select_part::having>(parts).bind(b);
        std::get<select_part::order_by>(parts).bind(b);
        std::get<select_part::limit>(parts).bind(b);
        std::get<select_part::offset>(parts).bind(b);
    }

    // The statement's rules; Outer are the tables of enclosing queries (correlation).
    template <class Outer>
    static constexpr bool validate() {
        using available = tl::concat<typename from_type::tables, Outer>;
        static_assert(part_t<select_part::from>::present || item_tables::size <= 1,
                      "retort: columns of several tables but no FROM to relate them (implicit cartesian "
                      "product); use select_from(a.join(b))");
        static_assert(tl::is_subset<item_tables, available>,
                      "retort: a selected column's table is not in FROM; add it with select_from(...) or a join");
        static_assert(tl::is_subset<typename part_t<select_part::where>::tables, available>,
                      "retort: WHERE uses a column of a table that is not in FROM (no implicit cartesian "
                      "product); join that table");
        static_assert(tl::is_subset<typename part_t<select_part::order_by>::tables, available>,
                      "retort: ORDER BY uses a column of a table that is not in FROM");
        static_assert(tl::is_subset<typename part_t<select_part::having>::tables, available>,
                      "retort: HAVING uses a column of a table that is not in FROM");
        validate_grouping();
        return true;
    }

private:
    // The single FROM source a statement-level join() extends.
    constexpr auto from_source() const {
        if constexpr (part_t<select_part::from>::present) {
            static_assert(std::tuple_size_v<decltype(std::get<select_part::from>(parts).sources)> == 1,
                          "retort: join() needs a single FROM source; use select_from(a.join(b), ...)");
            return std::get<0>(std::get<select_part::from>(parts).sources);
        } else {
            static_assert(item_tables::size > 0, "retort: join() needs a table to start from; use select_from(a.join(b))");
            return table_source<tl::front<item_tables>>{};  // the leftmost selected table, as SQLAlchemy
        }
    }

    template <std::size_t I, class New>
    constexpr auto with(New&& replacement) const {
        using new_parts = decltype(detail::replace_at<I>(parts, std::forward<New>(replacement)));
        return select_statement<new_parts>{detail::replace_at<I>(parts, std::forward<New>(replacement))};
    }

    static constexpr void validate_grouping() {
        constexpr bool items_aggregate = tl::apply<tl::apply<items_type, tl::list>, any_aggregate>::value;
        constexpr bool grouped = part_t<select_part::group_by>::present || items_aggregate ||
                                 part_t<select_part::having>::present;
        if constexpr (grouped) {
            using group_columns = typename part_t<select_part::group_by>::columns;
            using allowed = typename detail::grouped_columns_impl<group_columns, typename from_type::tables>::type;
            using item_columns = tl::apply<tl::apply<items_type, tl::list>, detail::columns_union>;
            static_assert(tl::is_subset<item_columns, allowed>,
                          "retort: a selected column is neither grouped nor aggregated; add it to group_by() or "
                          "wrap it in an aggregate");
            static_assert(tl::is_subset<typename part_t<select_part::having>::columns, allowed>,
                          "retort: HAVING uses a column that is neither grouped nor aggregated");
            static_assert(tl::is_subset<typename part_t<select_part::order_by>::columns, allowed>,
                          "retort: ORDER BY uses a column that is neither grouped nor aggregated");
        }
    }

    template <class... Es>
    struct any_aggregate : std::bool_constant<(Es::aggregate || ...)> {};
};

template <class... Args>
constexpr auto select(const Args&... args) {
    static_assert(sizeof...(Args) > 0, "retort: select() needs tables, columns or expressions");
    using items = decltype(std::tuple_cat(detail::select_items_of(args)...));
    using parts = std::tuple<items, no_clause, no_clause, no_clause, no_clause, no_clause, no_clause, no_clause,
                             no_clause, no_clause>;
    return select_statement<parts>{parts{std::tuple_cat(detail::select_items_of(args)...), {}, {}, {}, {}, {}, {}, {},
                                         {}, {}}};
}

}  // namespace retort
