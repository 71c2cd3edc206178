#pragma once
// A table is a struct deriving from table<Self, "name"> with RETORT_COLUMN members:
//   struct users_table : table<users_table, "users"> {
//       RETORT_COLUMN(id, integer, primary_key);
//       RETORT_COLUMN(username, varchar<50>, unique, not_null);
//   };
//   inline constexpr users_table users;
#include <cstddef>
#include <string_view>

#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/core/fixed_string.hpp>
#include <retort/core/type_list.hpp>
#include <retort/render/quoted_identifier.hpp>
#include <retort/schema/column.hpp>
#include <retort/schema/joinable.hpp>

namespace retort {

namespace detail {
struct table_base {};
}  // namespace detail

template <class Derived, fixed_string Name>
struct table : detail::table_base, joinable<Derived> {
    using retort_table_type = Derived;
    using retort_source_table = Derived;  // an alias names the table it stands for here
    static constexpr auto retort_name = Name;
    // The name that qualifies this table's columns ("users"."id").
    static constexpr auto retort_qualifier() { return Name; }
    // How the table appears in FROM.
    template <class Ctx>
    static constexpr void render_from(Ctx& ctx) {
        ctx.put(render::quoted_identifier<Name>.view());
    }
    static auto retort_count(detail::rank<0>) -> std::integral_constant<std::size_t, 0>;
    static constexpr std::tuple<> retort_table_args() { return {}; }
};

template <class T>
concept table_type = std::is_base_of_v<detail::table_base, std::remove_cvref_t<T>>;

namespace detail {

template <class T>
inline constexpr std::size_t column_count = decltype(T::retort_count(rank<max_columns>{}))::value;

template <class T, class Seq>
struct table_columns_impl;
template <class T, std::size_t... I>
struct table_columns_impl<T, std::index_sequence<I...>> {
    using specs = tl::list<decltype(T::retort_column_at(std::integral_constant<std::size_t, I>{}))...>;
    using columns = tl::list<column<T, decltype(T::retort_column_at(std::integral_constant<std::size_t, I>{}))>...>;
    RETORT_RULE("retort: two columns of this table have one SQL name; give each its own (RETORT_NAMED_COLUMN sets "
                "the SQL name)",
                all_different({decltype(T::retort_column_at(std::integral_constant<std::size_t, I>{}))::name.view()...}));
};

// The column specs of a table (or of the table an alias stands for), in declaration order.
template <class T>
using table_specs = typename table_columns_impl<typename T::retort_source_table,
                                                std::make_index_sequence<column_count<typename T::retort_source_table>>>::specs;

template <class T, class Specs>
struct columns_from_specs;
template <class T, class... Specs>
struct columns_from_specs<T, tl::list<Specs...>> {
    using type = tl::list<column<T, Specs>...>;
};
// The columns of a table or alias, as expressions of that table or alias.
template <class T>
using table_columns = typename columns_from_specs<T, table_specs<T>>::type;

// The same columns, as columns of T (a table's constraint columns, seen from an alias).
template <class T, class Columns>
struct rebind_columns;
template <class T, class... Cs>
struct rebind_columns<T, tl::list<Cs...>> {
    using type = tl::list<column<T, typename Cs::spec>...>;
};

template <class C>
struct is_primary_key_column : std::bool_constant<C::traits::primary_key> {};

template <class Args>
struct table_primary_key;
template <>
struct table_primary_key<std::tuple<>> {
    using type = void;
};
template <class A>
struct primary_key_arg {
    using type = void;
};
template <class... Cs>
struct primary_key_arg<primary_key_of<Cs...>> {
    using type = tl::list<Cs...>;
};
template <class A, class... As>
struct table_primary_key<std::tuple<A, As...>> {
    using type = std::conditional_t<std::is_void_v<typename primary_key_arg<A>::type>,
                                    typename table_primary_key<std::tuple<As...>>::type,
                                    typename primary_key_arg<A>::type>;
};

template <class T, class Declared = typename table_primary_key<
                       std::remove_cv_t<decltype(T::retort_source_table::retort_table_args())>>::type>
struct primary_key_columns_impl {
    using type = typename rebind_columns<T, Declared>::type;
};
template <class T>
struct primary_key_columns_impl<T, void> {
    using type = tl::filter<table_columns<T>, is_primary_key_column>;
};
// The primary key columns of a table or alias: column-level primary_key, or a
// table-level primary_key(self.a, self.b).
template <class T>
using primary_key_columns = typename primary_key_columns_impl<T>::type;

// An autoincrement key: the single integer primary key (SERIAL / INTEGER PRIMARY KEY),
// unless the table declares the key elsewhere.
template <class T, class C>
inline constexpr bool is_autoincrement = [] {
    using pk = primary_key_columns<T>;
    if constexpr (pk::size != 1 || !std::is_same_v<tl::front<pk>, C>) return false;
    else return C::sql_type::category == type_category::integral || C::traits::explicit_autoincrement;
}();

// Does a table-level constraint name only columns of table T? (index_on(users.id) inside
// posts would render against posts.)
template <class T, class A>
consteval bool names_own_columns() {
    if constexpr (requires { typename A::columns; }) {
        return tl::is_subset<tl::apply<typename A::columns, tables_union>, tl::list<T>>;
    } else if constexpr (requires { typename decltype(std::declval<const A&>().condition)::tables; }) {
        return tl::is_subset<typename decltype(std::declval<const A&>().condition)::tables, tl::list<T>>;
    } else {
        return true;
    }
}
template <class T, class... Args>
constexpr std::tuple<Args...> checked_table_args(std::tuple<Args...> args) {
    RETORT_RULE("retort: a table constraint (check, index_on, primary_key, unique) names a column of another table; "
                "use self.column",
                (names_own_columns<T, Args>() && ...));
    return args;
}

}  // namespace detail
}  // namespace retort

// Table-level constraints, with `self` standing for the table:
//   RETORT_TABLE_ARGS(primary_key(self.user_id, self.group_id), check(self.age >= 0));
#define RETORT_TABLE_ARGS(...)                                    \
    static constexpr auto retort_table_args() {                  \
        [[maybe_unused]] constexpr retort_table_type self{};     \
        return ::retort::detail::checked_table_args<retort_table_type>(std::tuple{__VA_ARGS__}); \
    }
