#pragma once
// Table aliases, for self-joins and for naming a table twice:
//   auto manager = alias<"manager">(employees);
//   select(employees.name, manager.name).select_from(employees.join(manager, employees.manager_id == manager.id))
// The alias has the table's columns under the same names (manager.name).
#include <retort/core/rule.hpp>
#include <string_view>

#include <retort/core/fixed_string.hpp>
#include <retort/schema/joinable.hpp>
#include <retort/schema/table.hpp>

namespace retort {

namespace detail {
template <class Self, class Specs>
struct alias_members;
template <class Self, class... Specs>
struct alias_members<Self, tl::list<Specs...>> : Specs::template retort_member<column<Self, Specs>>... {};
}  // namespace detail

template <class Table, fixed_string Alias>
struct table_alias : detail::table_base,
                     joinable<table_alias<Table, Alias>>,
                     detail::alias_members<table_alias<Table, Alias>, detail::table_specs<Table>> {
    using retort_table_type = table_alias;
    using retort_source_table = Table;
    static constexpr auto retort_name = Table::retort_name;
    static constexpr auto retort_alias = Alias;
    static constexpr auto retort_qualifier() { return Alias; }
    template <class Ctx>
    static constexpr void render_from(Ctx& ctx) {
        ctx.put_identifier(Table::retort_name.view());
        ctx.put(" AS ");
        ctx.put_identifier(Alias.view());
    }
    static constexpr auto retort_table_args() { return Table::retort_table_args(); }
};

template <fixed_string Alias, table_type T>
constexpr table_alias<T, Alias> alias(const T&) {
    RETORT_RULE("retort: alias an alias's table, not the alias",
                std::is_same_v<typename T::retort_source_table, T>);
    return {};
}

}  // namespace retort
