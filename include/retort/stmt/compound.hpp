#pragma once
// UNION, UNION ALL, INTERSECT, EXCEPT: both sides select the same number of columns of
// comparable types; rows are typed by the left side (NULL if either side may be).
//   select(users.username).union_all(select(admins.username)).order_by(users.username).limit(10)
#include <retort/core/rule.hpp>
#include <array>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/check/type_rules.hpp>
#include <retort/schema/unified_type.hpp>
#include <retort/stmt/limit_offset.hpp>
#include <retort/stmt/order_by.hpp>
#include <retort/stmt/select.hpp>

namespace retort {

namespace sql_operator {
struct union_ { static constexpr std::string_view sql = " UNION "; static constexpr bool all = false; };
struct union_all { static constexpr std::string_view sql = " UNION ALL "; static constexpr bool all = false; };
struct intersect { static constexpr std::string_view sql = " INTERSECT "; static constexpr bool all = false; };
struct intersect_all { static constexpr std::string_view sql = " INTERSECT ALL "; static constexpr bool all = true; };
struct except_ { static constexpr std::string_view sql = " EXCEPT "; static constexpr bool all = false; };
struct except_all { static constexpr std::string_view sql = " EXCEPT ALL "; static constexpr bool all = true; };
}  // namespace sql_operator

namespace detail {
template <class L, class R, std::size_t... I>
consteval void check_compatible_items(std::index_sequence<I...>) {
    (rules::comparable<std::tuple_element_t<I, typename L::items_type>::sql_type::category,
                       std::tuple_element_t<I, typename R::items_type>::sql_type::category>(),
     ...);
}

template <class L, class R, class Seq>
struct unified_columns;
template <class L, class R, std::size_t... I>
struct unified_columns<L, R, std::index_sequence<I...>> {
    using type = tl::list<unified_type_t<typename result_column_type<L, I>::type, typename result_column_type<R, I>::type>...>;
};

template <class Items, class Nullable, class Types, class Seq>
struct compound_row;
template <class Items, class Nullable, class Types, std::size_t... I>
struct compound_row<Items, Nullable, Types, std::index_sequence<I...>> {
    using type = row<typename field_of<std::tuple_element_t<I, Items>, Nullable::value[I], tl::at<I, Types>>::member...>;
};
}  // namespace detail

template <class Op, class L, class R, class OrderBy = no_clause, class Limit = no_clause, class Offset = no_clause>
struct compound_select {
    RETORT_RULE("retort: both sides of UNION/INTERSECT/EXCEPT must select the same number of columns",
                std::tuple_size_v<typename L::items_type> == std::tuple_size_v<typename R::items_type>);
    RETORT_RULE("retort: ORDER BY/LIMIT inside a UNION member; apply them to the whole union",
                !L::has_order_or_limit && !R::has_order_or_limit);
    RETORT_RULE("retort: FOR UPDATE/FOR SHARE is not allowed with UNION/INTERSECT/EXCEPT",
                !L::has_lock && !R::has_lock);
    static constexpr bool has_lock = false;

    using items_type = typename L::items_type;
    // After a count mismatch (the rule above), the common columns: one error, no cascade.
    static constexpr std::size_t left_width = std::tuple_size_v<items_type>;
    static constexpr std::size_t right_width = std::tuple_size_v<typename R::items_type>;
    static constexpr std::size_t width = left_width < right_width ? left_width : right_width;
    // Each result column's type, unified across the members as PostgreSQL does.
    using column_types = typename detail::unified_columns<L, R, std::make_index_sequence<width>>::type;
    static constexpr std::array<bool, width> item_nullable = [] {
        std::array<bool, width> n{};
        for (std::size_t i = 0; i < width; ++i) n[i] = L::item_nullable[i] || R::item_nullable[i];
        return n;
    }();
    struct nullable_list {
        static constexpr auto value = item_nullable;
    };
    using row_type =
        typename detail::compound_row<items_type, nullable_list, column_types, std::make_index_sequence<width>>::type;
    static constexpr bool returns_rows = true;
    static constexpr bool has_order_or_limit = OrderBy::present || Limit::present || Offset::present;
    struct correlation {  // as select_statement's
        using tables = tl::unique<tl::concat<typename L::correlation::tables, typename R::correlation::tables>>;
        using columns = tl::unique<tl::concat<typename L::correlation::columns, typename R::correlation::columns>>;
    };

    L left;
    R right;
    OrderBy order_by_;
    Limit limit_;
    Offset offset_;

    template <class Outer>
    static constexpr bool validate() {
        detail::check_compatible_items<L, R>(std::make_index_sequence<width>{});
        RETORT_RULE("retort: ORDER BY of a UNION/INTERSECT/EXCEPT names its result columns: order by a column or "
                    "label the first SELECT selects",
                    tl::is_subset<typename detail::ordered_expressions<OrderBy>::type,
                                  tl::filter<tl::apply<items_type, tl::list>, detail::is_named_item>>);
        L::template validate<Outer>();
        R::template validate<Outer>();
        return true;
    }

    template <class Q> constexpr auto union_(const Q& q) const { return chain<sql_operator::union_>(q); }
    template <class Q> constexpr auto union_all(const Q& q) const { return chain<sql_operator::union_all>(q); }
    template <class Q> constexpr auto intersect(const Q& q) const { return chain<sql_operator::intersect>(q); }
    template <class Q> constexpr auto intersect_all(const Q& q) const { return chain<sql_operator::intersect_all>(q); }
    template <class Q> constexpr auto except_(const Q& q) const { return chain<sql_operator::except_>(q); }
    template <class Q> constexpr auto except_all(const Q& q) const { return chain<sql_operator::except_all>(q); }

    // ORDER BY the left side's columns or labels (rendered by name).
    template <class... Items>
    constexpr auto order_by(Items&&... items) const {
        auto o = detail::add_order_by(order_by_, std::forward<Items>(items)...);
        return compound_select<Op, L, R, decltype(o), Limit, Offset>{left, right, std::move(o), limit_, offset_};
    }
    template <class N>
    constexpr auto limit(N n) const {
        return compound_select<Op, L, R, OrderBy, limit_clause, Offset>{left, right, order_by_,
                                                                        limit_clause{detail::row_count(n)}, offset_};
    }
    template <class N>
    constexpr auto offset(N n) const {
        return compound_select<Op, L, R, OrderBy, Limit, offset_clause>{left, right, order_by_, limit_,
                                                                        offset_clause{detail::row_count(n)}};
    }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const compound_select* self) {
        validate<tl::list<>>();
        render_body(ctx, self);
    }
    template <class Ctx>
    static constexpr void render_body(Ctx& ctx, const compound_select* self) {
        if constexpr (Op::all && Ctx::dialect::kind == dialect_kind::sqlite) ctx.unsupported_feature(Op::sql);
        L::render_body(ctx, detail::member_of(self, &compound_select::left));
        ctx.put(Op::sql);
        R::render_body(ctx, detail::member_of(self, &compound_select::right));
        const bool qualify = ctx.qualify_columns;
        ctx.qualify_columns = false;  // a union's ORDER BY names result columns
        OrderBy::render(ctx, detail::member_of(self, &compound_select::order_by_));
        ctx.qualify_columns = qualify;
        if constexpr (Ctx::dialect::kind == dialect_kind::sqlite && Offset::present && !Limit::present) ctx.put(" LIMIT -1");
        Limit::render(ctx, detail::member_of(self, &compound_select::limit_));
        Offset::render(ctx, detail::member_of(self, &compound_select::offset_));
    }
    template <class B>
    constexpr void bind(B& b) const {
        left.bind(b);
        right.bind(b);
        order_by_.bind(b);
        limit_.bind(b);
        offset_.bind(b);
    }

    // Derived forms, as for select (subquery.hpp, cte.hpp).
    constexpr auto scalar_subquery() const;
    template <fixed_string Name>
    constexpr auto subquery() const;
    template <fixed_string Name>
    constexpr auto cte() const;

private:
    template <class NextOp, class Q>
    constexpr auto chain(const Q& q) const {
        RETORT_RULE("retort: add ORDER BY/LIMIT after the last UNION member",
                    !has_order_or_limit);
        return compound_select<NextOp, compound_select, Q>{*this, q, {}, {}, {}};
    }
};

template <class Parts>
template <class Q>
constexpr auto select_statement<Parts>::union_(const Q& q) const {
    return compound_select<sql_operator::union_, select_statement, Q>{*this, q, {}, {}, {}};
}
template <class Parts>
template <class Q>
constexpr auto select_statement<Parts>::union_all(const Q& q) const {
    return compound_select<sql_operator::union_all, select_statement, Q>{*this, q, {}, {}, {}};
}
template <class Parts>
template <class Q>
constexpr auto select_statement<Parts>::intersect(const Q& q) const {
    return compound_select<sql_operator::intersect, select_statement, Q>{*this, q, {}, {}, {}};
}
template <class Parts>
template <class Q>
constexpr auto select_statement<Parts>::except_(const Q& q) const {
    return compound_select<sql_operator::except_, select_statement, Q>{*this, q, {}, {}, {}};
}

// SQLAlchemy's union(a, b), union_all(a, b)...
template <class A, class B>
constexpr auto union_(const A& a, const B& b) { return a.union_(b); }
template <class A, class B>
constexpr auto union_all(const A& a, const B& b) { return a.union_all(b); }
template <class A, class B>
constexpr auto intersect(const A& a, const B& b) { return a.intersect(b); }
template <class A, class B>
constexpr auto except_(const A& a, const B& b) { return a.except_(b); }

}  // namespace retort
