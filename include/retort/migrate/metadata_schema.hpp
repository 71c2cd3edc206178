#pragma once
// A program's compiled metadata as run-time table descriptions, for one dialect (defaults
// and CHECK conditions are rendered with that dialect's DDL text, by the same code that
// renders create_all's DDL). This is what autogenerate and check compare a database with.
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/migrate/table_def.hpp>
#include <retort/render/dialect.hpp>
#include <retort/stmt/ddl.hpp>
#include <retort/stmt/metadata.hpp>

namespace retort::migrate {

namespace detail {

template <class... Cs>
std::vector<std::string> column_names(tl::list<Cs...>) {
    return {std::string(Cs::name())...};
}

template <class D, class T, class C>
void describe_column(table_def& table) {
    column_def def{std::string(C::name()), column_type{typename C::sql_type{}}};
    def.nullable = !C::traits::not_null;
    def.identity = retort::detail::is_autoincrement<T, C>;
    std::apply(
        [&](const auto&... constraint) {
            (
                [&] {
                    using K = std::remove_cvref_t<decltype(constraint)>;
                    if constexpr (retort::detail::is_server_default<K>::value) {
                        retort::detail::ddl_context<D> ctx;
                        retort::detail::render_server_default(ctx, constraint.value);
                        def.default_sql = ctx.sink.text.substr(std::string_view(" DEFAULT ").size());
                    } else if constexpr (retort::detail::is_references<K>::value) {
                        using target = typename K::target;
                        table.foreign_keys.push_back({.name = {},
                                                      .columns = {def.name},
                                                      .referred_table = std::string(target::table_type::retort_name.view()),
                                                      .referred_columns = {std::string(target::name())},
                                                      .on_delete = constraint.options.on_delete,
                                                      .on_update = constraint.options.on_update});
                    }
                }(),
                ...);
        },
        C::spec::constraints);
    if constexpr (C::traits::unique) table.unique_constraints.push_back({.name = {}, .columns = {def.name}});
    if constexpr (C::traits::index)
        table.indexes.push_back({.name = "ix_" + table.name + "_" + def.name, .columns = {def.name}, .unique = false, .where_sql = {}});
    table.columns.push_back(std::move(def));
}

template <class D, class T, class A>
void describe_table_arg(table_def& table, [[maybe_unused]] const A& arg) {
    if constexpr (requires { typename retort::detail::primary_key_arg<A>::type; } &&
                  !std::is_void_v<typename retort::detail::primary_key_arg<A>::type>) {
        // the primary key, read with primary_key_columns
    } else if constexpr (retort::detail::table_index_arg<A>) {
        table.indexes.push_back({.name = std::string(A::name.view()),
                                 .columns = column_names(typename A::columns{}),
                                 .unique = A::is_unique,
                                 .where_sql = {}});
    } else if constexpr (requires { typename A::columns; }) {
        table.unique_constraints.push_back({.name = {}, .columns = column_names(typename A::columns{})});
    } else if constexpr (requires { arg.condition; }) {
        retort::detail::ddl_context<D> ctx;
        ctx.qualify_columns = false;
        std::remove_cvref_t<decltype(arg.condition)>::render(ctx, &arg.condition);
        table.checks.push_back({.name = {}, .condition_sql = std::move(ctx.sink.text)});
    }
}

template <class D, class T, class... Cs>
table_def describe_table(tl::list<Cs...>) {
    table_def table;
    table.name = std::string(T::retort_name.view());
    (describe_column<D, T, Cs>(table), ...);
    table.primary_key = column_names(retort::detail::primary_key_columns<T>{});
    static constexpr auto args = T::retort_table_args();
    std::apply([&](const auto&... arg) { (describe_table_arg<D, T>(table, arg), ...); }, args);
    return table;
}

template <class D, class... Tables, std::size_t... I>
schema describe_metadata(std::index_sequence<I...>) {
    using meta = metadata<Tables...>;
    schema unordered{describe_table<D, Tables>(retort::detail::table_columns<Tables>{})...};
    schema ordered;
    for (std::size_t index : meta::creation_order) ordered.push_back(std::move(unordered[index]));
    return ordered;
}

}  // namespace detail

// The tables of `metadata{...}` as `dialect` would create them, in creation order.
template <class... Tables>
schema describe(const metadata<Tables...>&, dialect_kind dialect) {
    if (dialect == dialect_kind::postgresql)
        return detail::describe_metadata<postgresql, Tables...>(std::index_sequence_for<Tables...>{});
    return detail::describe_metadata<sqlite, Tables...>(std::index_sequence_for<Tables...>{});
}

}  // namespace retort::migrate
