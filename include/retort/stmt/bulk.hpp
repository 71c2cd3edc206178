#pragma once
// Statements run for every row of a range given at execution (conn.execute_many):
//   insert_rows(users.username, users.email)        INSERT of many rows, batched into multi-row
//                                                   VALUES up to the dialect's parameter limit
//   insert_rows(...).returning(users.id)            the new rows' values, in the order of the input
//   update_rows(users.id, users.age)                UPDATE "users" SET "age" = ? WHERE "users"."id" = ?,
//                                                   one prepared statement for every row
// Rows are tuples (values in column order) or Boost.Hana structs (members named like the
// columns); their types are checked against the columns at compile time.
#include <retort/core/rule.hpp>
#include <optional>
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/core/struct_reflection.hpp>
#include <retort/expr/assignment.hpp>
#include <retort/render/context.hpp>
#include <retort/schema/table.hpp>
#include <retort/stmt/insert.hpp>
#include <retort/stmt/returning.hpp>

namespace retort {

namespace detail {

template <class C>
inline constexpr auto column_member_name = C::spec::template retort_member<int>::retort_field_name;

template <class C, class V>
consteval void check_row_value() {
    using T = std::remove_cvref_t<V>;
    if constexpr (is_null_value<T>) {
        RETORT_RULE("retort: NULL assigned to a NOT NULL column",
                    C::nullable);
    } else {
        rules::has_sql_type<T>();
        RETORT_RULE("retort: a std::optional (maybe NULL) in the rows for a NOT NULL column; use a plain value",
                    C::nullable || !is_optional_v<T>);
        rules::assignable<C::sql_type::category, category_of_value<T>>();
    }
}

// Stands in for the value of a column a row is too short to have, once that rule has said
// so: the mistake gives one error, not one per use of the row.
template <class C>
inline const std::optional<typename C::sql_type::value_type> missing_row_value{};

// The value for column I (of type C) in a row: tuple element I, or the struct member named like C.
template <std::size_t I, class C, class Row>
constexpr const auto& row_value(const Row& row) {
    if constexpr (hana_struct<Row>) return member_named<column_member_name<C>>(row);
    else if constexpr (I < std::tuple_size_v<Row>) return std::get<I>(row);
    else return missing_row_value<C>;
}

template <class Row, class... Cs, std::size_t... I>
consteval void check_row_type(std::index_sequence<I...>) {
    if constexpr (!hana_struct<Row>) {
        RETORT_RULE("retort: each row must have one value per column",
                    std::tuple_size_v<Row> == sizeof...(Cs));
        if constexpr (std::tuple_size_v<Row> == sizeof...(Cs))
            (check_row_value<Cs, decltype(row_value<I, Cs>(std::declval<const Row&>()))>(), ...);
    } else {
        (check_row_value<Cs, decltype(row_value<I, Cs>(std::declval<const Row&>()))>(), ...);
    }
}

}  // namespace detail

template <class Table, class Returning, class... Columns>
struct bulk_insert_statement {
    using table_type = Table;
    using assigned_columns = tl::list<Columns...>;
    using default_columns = tl::difference<tl::filter<detail::table_columns<Table>, detail::has_cpp_default>, assigned_columns>;
    using row_type = typename detail::rows_of<Returning>::type;
    static constexpr bool returns_rows = Returning::present;
    static constexpr std::size_t width = sizeof...(Columns) + default_columns::size;

    Returning returning_;

    template <class... Args>
    constexpr auto returning(const Args&... args) const {
        auto clause = detail::make_returning(args...);
        RETORT_RULE("retort: RETURNING may only name columns of the table inserted into",
                    tl::is_subset<typename decltype(clause)::tables, tl::list<Table>>);
        return bulk_insert_statement<Table, decltype(clause), Columns...>{std::move(clause)};
    }

    // Rows per INSERT for a dialect: as many as its parameter limit allows, at most 1000.
    template <class D>
    static constexpr std::size_t batch_rows = [] {
        const std::size_t fit = D::max_parameters / (width ? width : 1);
        return fit < 1 ? std::size_t{1} : fit > 1000 ? std::size_t{1000} : fit;
    }();

    // The text of one INSERT of `rows` rows (rendered at run time, once per batch size).
    template <class D>
    std::string text(std::size_t rows) const {
        render::context<D, render::string_sink> ctx;
        ctx.put("INSERT INTO ");
        Table::render_from(ctx);
        ctx.put(" (");
        render_names(ctx, tl::concat<assigned_columns, default_columns>{});
        ctx.put(") VALUES ");
        for (std::size_t r = 0; r < rows; ++r) {
            ctx.put(r == 0 ? "(" : ", (");
            for (std::size_t c = 0; c < width; ++c) {
                if (c) ctx.put(", ");
                ctx.put_placeholder();
            }
            ctx.put(')');
        }
        Returning::render(ctx, &returning_);
        return std::move(ctx.sink.text);
    }

    template <class Row>
    static constexpr void check_rows() {
        detail::check_row_type<Row, Columns...>(std::index_sequence_for<Columns...>{});
    }

    // For COPY: the table and its columns, quoted.
    static std::string quoted_table_name() {
        render::context<postgresql, render::string_sink> ctx;
        Table::render_from(ctx);
        return std::move(ctx.sink.text);
    }
    static std::vector<std::string> quoted_column_names() {
        std::vector<std::string> names;
        add_names(names, tl::concat<assigned_columns, default_columns>{});
        return names;
    }

    // Binds one row's values (and evaluates the default_ columns for it).
    template <class B, class Row>
    static void bind_row(B& b, const Row& row) {
        bind_values(b, row, std::index_sequence_for<Columns...>{});
        bind_defaults(b, default_columns{});
    }

    static constexpr bool validate() {
        RETORT_RULE("retort: insert_rows() needs the columns the rows give",
                    sizeof...(Columns) > 0);
        RETORT_RULE("retort: insert_rows() takes columns of one table",
                    (std::is_same_v<typename Columns::table_type, Table> && ...));
        RETORT_RULE("retort: the same column is assigned twice",
                    detail::all_distinct<Columns...>());
        RETORT_RULE("retort: a required column is missing from the INSERT (NOT NULL, no default); assign it in values()",
                    tl::is_subset<detail::required_columns<Table>, tl::concat<assigned_columns, default_columns>>);
        return true;
    }

private:
    template <class... Cs>
    static void add_names(std::vector<std::string>& names, tl::list<Cs...>) {
        (names.push_back([] {
            render::context<postgresql, render::string_sink> ctx;
            Cs::render_name(ctx);
            return std::move(ctx.sink.text);
        }()),
         ...);
    }
    template <class Ctx, class... Cs>
    static void render_names(Ctx& ctx, tl::list<Cs...>) {
        std::size_t i = 0;
        ((ctx.put(i++ == 0 ? "" : ", "), Cs::render_name(ctx)), ...);
    }
    template <class B, class Row, std::size_t... I>
    static void bind_values(B& b, const Row& row, std::index_sequence<I...>) {
        (b.template bind<typename Columns::sql_type>(detail::row_value<I, Columns>(row)), ...);
    }
    template <class B, class... Cs>
    static void bind_defaults(B& b, tl::list<Cs...>) {
        (b.template bind_owned<typename Cs::sql_type>(detail::default_value_of<Cs>()), ...);
    }
};

// UPDATE by primary key: the key columns (all of the primary key, first), then the columns to set.
template <class Table, class Keys, class Sets>
struct bulk_update_statement;
template <class Table, class... Keys, class... Sets>
struct bulk_update_statement<Table, tl::list<Keys...>, tl::list<Sets...>> {
    using table_type = Table;
    using row_type = void;
    static constexpr bool returns_rows = false;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const bulk_update_statement*) {
        ctx.put("UPDATE ");
        Table::render_from(ctx);
        ctx.put(" SET ");
        std::size_t i = 0;
        ((ctx.put(i++ == 0 ? "" : ", "), Sets::render_name(ctx), ctx.put(" = "), ctx.put_placeholder()), ...);
        ctx.put(" WHERE ");
        i = 0;
        ((ctx.put(i++ == 0 ? "" : " AND "), Keys::render(ctx, nullptr), ctx.put(" = "), ctx.put_placeholder()), ...);
    }

    template <class Row>
    static constexpr void check_rows() {
        detail::check_row_type<Row, Keys..., Sets...>(std::index_sequence_for<Keys..., Sets...>{});
    }
    // The SET values, then the key: the order of the placeholders.
    template <class B, class Row>
    static void bind_row(B& b, const Row& row) {
        bind_row(b, row, std::index_sequence_for<Keys...>{}, std::index_sequence_for<Sets...>{});
    }

private:
    template <class B, class Row, std::size_t... K, std::size_t... S>
    static void bind_row(B& b, const Row& row, std::index_sequence<K...>, std::index_sequence<S...>) {
        (b.template bind<typename Sets::sql_type>(detail::row_value<sizeof...(Keys) + S, Sets>(row)), ...);
        (b.template bind<typename Keys::sql_type>(detail::row_value<K, Keys>(row)), ...);
    }
};

// update_rows(users.id, users.age): rows of (id, age) set each user's age.
template <class... Columns>
constexpr auto update_rows(const Columns&...) {
    RETORT_RULE("retort: update_rows() takes columns: the key, then those to set",
                (column_expression<Columns> && ...));
    using table = typename tl::front<tl::list<Columns...>>::table_type;
    RETORT_RULE("retort: update_rows() takes columns of one table",
                (std::is_same_v<typename Columns::table_type, table> && ...));
    RETORT_RULE("retort: the same column is assigned twice",
                detail::all_distinct<Columns...>());
    using pk = detail::primary_key_columns<table>;
    RETORT_RULE("retort: update_rows() needs the table's primary key columns first, then at least one column to set",
                pk::size > 0 && pk::size < sizeof...(Columns));
    using all = tl::list<Columns...>;
    using keys = tl::take<pk::size, all>;
    RETORT_RULE("retort: update_rows() needs the table's primary key columns first",
                tl::is_subset<pk, keys>);
    return bulk_update_statement<table, keys, tl::drop<pk::size, all>>{};
}

template <class... Columns>
constexpr auto insert_rows(const Columns&...) {
    RETORT_RULE("retort: insert_rows() takes the columns the rows give: insert_rows(users.username, users.email)",
                sizeof...(Columns) > 0 && (column_expression<Columns> && ...));
    using table = typename tl::front<tl::list<Columns...>>::table_type;
    bulk_insert_statement<table, no_clause, Columns...>::validate();
    return bulk_insert_statement<table, no_clause, Columns...>{};
}

}  // namespace retort
