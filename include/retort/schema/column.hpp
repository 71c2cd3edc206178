#pragma once
// A column is an empty object whose type says everything: its table, SQL name, SQL
// type and constraints. Declared once with RETORT_COLUMN inside a table, it is used as
// users.age in expressions and read back as row.age.
#include <retort/core/rule.hpp>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <retort/core/expression.hpp>
#include <retort/core/macros.hpp>
#include <retort/render/quoted_identifier.hpp>
#include <retort/schema/constraints.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/schema/value_category.hpp>
#include <retort/schema/varchar_literal.hpp>

namespace retort {

namespace detail {
inline constexpr std::size_t max_columns = 200;

// rank<N> converts to every rank<M> with M < N; overload resolution then picks the
// largest declared M: the column counter of RETORT_COLUMN.
template <std::size_t N>
struct rank : rank<N - 1> {};
template <>
struct rank<0> {};
}  // namespace detail

namespace detail {
// Does server_default(v) fit a column of SqlType, as PostgreSQL's DEFAULT does? A quoted
// literal ("[]", "2024-01-01") is read as the column's type, numbers convert among
// themselves, anything converts to text; a boolean for a number or a number for a boolean,
// a date, json... does not. (raw_sql(...) is not checked.)
template <class SqlType, class Defaults>
consteval bool server_default_fits() {
    if constexpr (Defaults::size == 0) {
        return true;
    } else {
        using V = std::remove_cvref_t<decltype(tl::front<Defaults>::value)>;
        constexpr type_category s = SqlType::category;
        type_category v = type_category::null;
        if constexpr (expression<V>) v = V::sql_type::category;
        else v = category_of_value<V>;
        if (v == type_category::null || v == type_category::string || s == type_category::string || v == s)
            return true;
        return is_number_category<SqlType::category> &&
               (v == type_category::integral || v == type_category::floating || v == type_category::numeric);
    }
}

template <class SqlType, class References>
struct references_match;
template <class SqlType, class... Rs>
struct references_match<SqlType, tl::list<Rs...>>
    : std::bool_constant<((SqlType::category == Rs::target::sql_type::category) && ...)> {};
}  // namespace detail

template <class Table, class Spec>
struct column : expr<column<Table, Spec>> {
    using table_type = Table;
    using spec = Spec;
    using sql_type = typename Spec::sql_type;
    using traits = detail::column_traits_of<std::remove_cv_t<decltype(Spec::constraints)>>;
    static constexpr bool nullable = !traits::not_null;
    RETORT_RULE("retort: foreign key type mismatch: the column's type differs from the column it references",
                detail::references_match<sql_type, typename traits::references>::value);
    RETORT_RULE("retort: server_default(...) does not fit the column's type (a boolean for a number, a number for a "
                "boolean or date...)",
                detail::server_default_fits<sql_type, typename traits::server_defaults>());
    using tables = tl::list<Table>;
    using columns = tl::list<column>;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;

    static constexpr std::string_view name() { return Spec::name.view(); }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const column*) {
        if (ctx.qualify_columns) {
            ctx.put(render::quoted_identifier<Table::retort_qualifier()>.view());
            ctx.put('.');
        }
        ctx.put(render::quoted_identifier<Spec::name>.view());
    }
    // The bare name, as INSERT column lists and UPDATE SET want it.
    template <class Ctx>
    static constexpr void render_name(Ctx& ctx) {
        ctx.put(render::quoted_identifier<Spec::name>.view());
    }
    template <class B>
    constexpr void bind(B&) const {}

    // users.age = 30: an assignment for insert().values() and update().set().
    template <class V>
        requires(!detail::literal_needs_counting<sql_type, V>)
    constexpr auto operator=(V&& value) const;
    // A string literal that only fits varchar<N> if it has few enough UTF-8 code points.
    constexpr auto operator=(rules::varchar_literal_fits<detail::literal_length_limit<sql_type>> literal) const
        requires(detail::literal_length_limit<sql_type> > 0);
};

namespace detail {
template <class T>
struct is_column : std::false_type {};
template <class Table, class Spec>
struct is_column<column<Table, Spec>> : std::true_type {};
}  // namespace detail

template <class T>
concept column_expression = detail::is_column<std::remove_cvref_t<T>>::value;

}  // namespace retort

// RETORT_COLUMN(name, type, constraints...) inside a table<...> declares the column
// `name`: its SQL name is the C++ name. RETORT_NAMED_COLUMN(member, "sql name", type, ...)
// gives it another SQL name (a keyword, a name with spaces).
#define RETORT_NAMED_COLUMN(NAME, SQL_NAME, TYPE, ...)                                                      \
    struct NAME##_retort_spec {                                                                            \
        static constexpr ::retort::fixed_string name = SQL_NAME;                                           \
        using sql_type = RETORT_DEPAREN(TYPE);                                                             \
        static constexpr auto constraints = ::retort::detail::make_constraints(__VA_ARGS__);                \
        template <class RetortT>                                                                           \
        struct retort_member {                                                                             \
            static constexpr ::retort::fixed_string retort_field_name = #NAME;                             \
            RetortT NAME;                                                                                  \
            constexpr RetortT& retort_value() noexcept { return NAME; }                                   \
            constexpr const RetortT& retort_value() const noexcept { return NAME; }                       \
        };                                                                                                 \
    };                                                                                                     \
    static constexpr std::size_t NAME##_retort_index =                                                    \
        decltype(retort_count(::retort::detail::rank<::retort::detail::max_columns>{}))::value;            \
    static auto retort_count(::retort::detail::rank<NAME##_retort_index + 1>)                             \
        -> std::integral_constant<std::size_t, NAME##_retort_index + 1>;                                  \
    static auto retort_column_at(std::integral_constant<std::size_t, NAME##_retort_index>)                \
        -> NAME##_retort_spec;                                                                             \
    [[no_unique_address]] ::retort::column<retort_table_type, NAME##_retort_spec> NAME {}

#define RETORT_COLUMN(NAME, TYPE, ...) RETORT_NAMED_COLUMN(NAME, #NAME, TYPE, __VA_ARGS__)
