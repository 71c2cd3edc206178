#pragma once
// Joins. The ON clause comes from the one foreign key between the two sides (a compile
// error when there is none or more than one), or is given:
//   users.join(posts)                          "users" JOIN "posts" ON "users"."id" = "posts"."user_id"
//   users.outerjoin(posts)                     LEFT OUTER JOIN: posts' columns read as std::optional
//   users.join(posts, posts.user_id == users.id)
//   users.join(posts).join(comments)
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/expr/comparison.hpp>
#include <retort/schema/joinable.hpp>
#include <retort/schema/table.hpp>
#include <retort/stmt/from.hpp>

namespace retort {

namespace detail {

// The table a FROM source stands for (void for subqueries and CTEs), and its columns.
template <class T>
struct source_table_of {
    using type = void;
};
template <class T>
    requires requires { typename T::retort_source_table; }
struct source_table_of<T> {
    using type = typename T::retort_source_table;
};
template <class T>
struct columns_if_table {
    using type = tl::list<>;
};
template <class T>
    requires requires { typename T::retort_source_table; }
struct columns_if_table<T> {
    using type = table_columns<T>;
};

// Foreign keys of From's columns that reference To's table: list<pair<fk column, referenced column>>.
template <class From, class To>
struct foreign_key_pairs {
    template <class C, class R>
    using pair_if_match = std::conditional_t<
        std::is_same_v<typename R::target::table_type, typename source_table_of<To>::type>,
        tl::list<std::pair<C, column<To, typename R::target::spec>>>, tl::list<>>;
    template <class C, class Refs>
    struct of_column;
    template <class C, class... Rs>
    struct of_column<C, tl::list<Rs...>> {
        using type = tl::concat<pair_if_match<C, Rs>...>;
    };
    template <class Cols>
    struct of_columns;
    template <class... Cs>
    struct of_columns<tl::list<Cs...>> {
        using type = tl::concat<typename of_column<Cs, typename Cs::traits::references>::type...>;
    };
    using type = std::conditional_t<std::is_void_v<typename source_table_of<To>::type>, tl::list<>,
                                    typename of_columns<typename columns_if_table<From>::type>::type>;
};

template <class LeftTables, class Right>
struct join_candidates;
template <class... Ls, class Right>
struct join_candidates<tl::list<Ls...>, Right> {
    using type = tl::concat<typename foreign_key_pairs<Right, Ls>::type..., typename foreign_key_pairs<Ls, Right>::type...>;
};

// The ON condition of the single foreign key between the sides: referenced = referencing.
template <class LeftTables, class Right>
constexpr auto inferred_on() {
    using candidates = typename join_candidates<LeftTables, Right>::type;
    RETORT_RULE("retort: no foreign key relates the joined tables; give the ON condition: a.join(b, b.x == a.y)",
                candidates::size > 0);
    RETORT_RULE("retort: more than one foreign key relates the joined tables; give the ON condition: a.join(b, b.x == a.y)",
                candidates::size < 2);
    if constexpr (candidates::size != 1) {
        return make_operand<boolean>(true);  // after a broken rule: a harmless ON, no cascade
    } else {
        using pair = tl::front<candidates>;
        using fk = typename pair::first_type;
        using referenced = typename pair::second_type;
        return comparison<sql_operator::eq, referenced, fk>{{}, referenced{}, fk{}};
    }
}

template <class S>
struct is_table_source : std::false_type {};
template <class T>
struct is_table_source<table_source<T>> : std::true_type {};

}  // namespace detail

namespace detail {
// Are the names in FROM (tables, aliases, subqueries, CTEs) all different?
template <class... Ts>
consteval bool distinct_from_names(tl::list<Ts...>) {
    return all_different({Ts::retort_qualifier()...});
}
}  // namespace detail

template <class Left, class Right, join_kind Kind, class On>
struct join_source : joinable<join_source<Left, Right, Kind, On>> {
    using tables = tl::concat<typename Left::tables, typename Right::tables>;
    using nullable_tables = tl::unique<tl::concat<
        typename Left::nullable_tables, typename Right::nullable_tables,
        std::conditional_t<Kind == join_kind::left || Kind == join_kind::full, typename Right::tables, tl::list<>>,
        std::conditional_t<Kind == join_kind::right || Kind == join_kind::full, typename Left::tables, tl::list<>>>>;
    RETORT_RULE("retort: a table appears twice in FROM; join an alias of it: alias<\"name\">(table)",
                tl::unique<tables>::size == tables::size);
    RETORT_RULE("retort: two sources in FROM have one name (an alias named like a table or another alias); rename one",
                tl::unique<tables>::size != tables::size || detail::distinct_from_names(tables{}));
    RETORT_RULE("retort: the ON condition uses a column of a table that is not part of the join",
                tl::is_subset<typename On::tables, tables>);
    RETORT_RULE("retort: ON needs a boolean condition",
                On::sql_type::category == type_category::boolean);
    RETORT_RULE("retort: aggregate functions are not allowed in JOIN ON",
                !On::aggregate);

    Left left;
    Right right;
    On on;

    constexpr join_source(Left l, Right r, On o) : left(std::move(l)), right(std::move(r)), on(std::move(o)) {}

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const join_source* self) {
        Left::render(ctx, detail::member_of(self, &join_source::left));
        if constexpr (Kind == join_kind::inner) ctx.put(" JOIN ");
        else if constexpr (Kind == join_kind::left) ctx.put(" LEFT OUTER JOIN ");
        else if constexpr (Kind == join_kind::right) ctx.put(" RIGHT OUTER JOIN ");
        else ctx.put(" FULL OUTER JOIN ");
        Right::render(ctx, detail::member_of(self, &join_source::right));
        ctx.put(" ON ");
        On::render(ctx, detail::member_of(self, &join_source::on));
    }
    template <class B>
    constexpr void bind(B& b) const {
        left.bind(b);
        right.bind(b);
        on.bind(b);
    }
};

namespace detail {

template <join_kind Kind, class L, class R>
constexpr auto make_join(const L& left, const R& right) {
    auto l = as_from_source(left);
    auto r = as_from_source(right);
    RETORT_RULE("retort: join one table (or alias, or subquery) at a time",
                decltype(r)::tables::size == 1);
    auto on = inferred_on<typename decltype(l)::tables, tl::front<typename decltype(r)::tables>>();
    return join_source<decltype(l), decltype(r), Kind, decltype(on)>(std::move(l), std::move(r), std::move(on));
}

template <join_kind Kind, class L, class R, class On>
constexpr auto make_join(const L& left, const R& right, On&& on) {
    RETORT_RULE("retort: the ON condition must be an SQL condition, such as posts.user_id == users.id",
                expression<On>);
    auto l = as_from_source(left);
    auto r = as_from_source(right);
    return join_source<decltype(l), decltype(r), Kind, std::remove_cvref_t<On>>(std::move(l), std::move(r),
                                                                                std::forward<On>(on));
}

}  // namespace detail

template <class Self>
template <class R>
constexpr auto joinable<Self>::join(const R& right) const {
    return detail::make_join<join_kind::inner>(static_cast<const Self&>(*this), right);
}
template <class Self>
template <class R, class On>
constexpr auto joinable<Self>::join(const R& right, On&& on) const {
    return detail::make_join<join_kind::inner>(static_cast<const Self&>(*this), right, std::forward<On>(on));
}
template <class Self>
template <class R>
constexpr auto joinable<Self>::outerjoin(const R& right) const {
    return detail::make_join<join_kind::left>(static_cast<const Self&>(*this), right);
}
template <class Self>
template <class R, class On>
constexpr auto joinable<Self>::outerjoin(const R& right, On&& on) const {
    return detail::make_join<join_kind::left>(static_cast<const Self&>(*this), right, std::forward<On>(on));
}
template <class Self>
template <class R>
constexpr auto joinable<Self>::right_outerjoin(const R& right) const {
    return detail::make_join<join_kind::right>(static_cast<const Self&>(*this), right);
}
template <class Self>
template <class R, class On>
constexpr auto joinable<Self>::right_outerjoin(const R& right, On&& on) const {
    return detail::make_join<join_kind::right>(static_cast<const Self&>(*this), right, std::forward<On>(on));
}
template <class Self>
template <class R>
constexpr auto joinable<Self>::full_outerjoin(const R& right) const {
    return detail::make_join<join_kind::full>(static_cast<const Self&>(*this), right);
}
template <class Self>
template <class R, class On>
constexpr auto joinable<Self>::full_outerjoin(const R& right, On&& on) const {
    return detail::make_join<join_kind::full>(static_cast<const Self&>(*this), right, std::forward<On>(on));
}

}  // namespace retort
