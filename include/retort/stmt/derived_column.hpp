#pragma once
// A column of a subquery or CTE, addressed by its SQL name: sub.c<"post_count">.
#include <retort/core/rule.hpp>
#include <array>
#include <string_view>
#include <tuple>
#include <utility>

#include <retort/core/expression.hpp>
#include <retort/render/quoted_identifier.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

template <class Source, fixed_string Name, class SqlType, bool Nullable>
struct derived_column : expr<derived_column<Source, Name, SqlType, Nullable>> {
    using sql_type = SqlType;
    using table_type = Source;
    static constexpr bool nullable = Nullable;
    using tables = tl::list<Source>;
    using columns = tl::list<derived_column>;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;
    static constexpr auto derived_name = Name;
    // Read back as row.get<"name">().
    static constexpr auto label = Name;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const derived_column*) {
        if (ctx.qualify_columns) {
            ctx.put(render::quoted_identifier<Source::retort_qualifier()>.view());
            ctx.put('.');
        }
        ctx.put(render::quoted_identifier<Name>.view());
    }
    // In a select list it is just itself (no AS).
    template <class Ctx>
    static constexpr void render_definition(Ctx& ctx, const derived_column* self) {
        render(ctx, self);
    }
    template <class Ctx>
    static constexpr void render_name(Ctx& ctx) {
        ctx.put_identifier(Name.view());
    }
    template <class B>
    constexpr void bind(B&) const {}
};

namespace detail {

// The SQL name of a selected item (a column's name or a label), empty when it has none.
template <class E>
consteval std::string_view item_name() {
    if constexpr (requires { E::label; }) return E::label.view();
    else if constexpr (requires { E::spec::name; }) return E::spec::name.view();
    else if constexpr (requires { E::derived_name; }) return E::derived_name.view();
    else return {};
}

// The SQL type of result column I of a query: a SELECT's item's, a UNION's unified one.
template <class Q, std::size_t I>
struct result_column_type {
    using type = typename std::tuple_element_t<I, typename Q::items_type>::sql_type;
};
template <class Q, std::size_t I>
    requires requires { typename Q::column_types; }
struct result_column_type<Q, I> {
    using type = tl::at<I, typename Q::column_types>;
};

// The columns a query exposes to whoever selects from it: derived_column per named item.
template <class Items, std::size_t... I>
consteval std::array<std::string_view, sizeof...(I)> item_names(std::index_sequence<I...>) {
    return {item_name<std::tuple_element_t<I, Items>>()...};
}

template <class Source, class Query, fixed_string Name>
consteval std::size_t derived_index() {
    constexpr std::size_t n = std::tuple_size_v<typename Query::items_type>;
    constexpr auto names = item_names<typename Query::items_type>(std::make_index_sequence<n>{});
    std::size_t found = n, count = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (names[i] == Name.view()) {
            found = i;
            ++count;
        }
    return count == 1 ? found : n;
}

template <class Source, class Query, fixed_string Name>
constexpr auto derived_column_of() {
    constexpr std::size_t i = derived_index<Source, Query, Name>();
    RETORT_RULE("retort: the subquery has no column of this name (label expressions with .as<\"name\">())",
                i < std::tuple_size_v<typename Query::items_type>);
    constexpr std::size_t at = i < std::tuple_size_v<typename Query::items_type> ? i : 0;  // no cascade
    return derived_column<Source, Name, typename result_column_type<Query, at>::type, Query::item_nullable[at]>{};
}

template <class Source, class Query, class Seq>
struct all_derived_columns;
template <class Source, class Query, std::size_t... I>
struct all_derived_columns<Source, Query, std::index_sequence<I...>> {
    template <std::size_t J>
    static consteval auto name() {
        constexpr auto v = item_name<std::tuple_element_t<J, typename Query::items_type>>();
        RETORT_RULE("retort: every column of a subquery needs a name: label expressions with .as<\"name\">()",
                    !v.empty());
        fixed_string<v.size()> f;
        for (std::size_t k = 0; k < v.size(); ++k) f.data[k] = v[k];
        return f;
    }
    using type = std::tuple<derived_column<Source, name<I>(), typename result_column_type<Query, I>::type,
                                           Query::item_nullable[I]>...>;
};

}  // namespace detail
}  // namespace retort
