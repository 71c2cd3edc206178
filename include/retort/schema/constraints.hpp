#pragma once
// Column and table constraints, written as arguments of RETORT_COLUMN / RETORT_TABLE_ARGS:
//   RETORT_COLUMN(id, integer, primary_key);
//   RETORT_COLUMN(user_id, integer, not_null, references(users.id, {.on_delete = fk_action::cascade}));
//   RETORT_COLUMN(created_at, timestamp, server_default(current_timestamp));
//   RETORT_COLUMN(tags, json, default_([] { return json_text{"[]"}; }));
#include <retort/core/rule.hpp>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/core/fixed_string.hpp>
#include <retort/core/type_list.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

enum class fk_action : unsigned char { no_action, restrict, cascade, set_null, set_default };

struct fk_options {
    fk_action on_delete = fk_action::no_action;
    fk_action on_update = fk_action::no_action;
};

namespace detail {
struct column_constraint {};
struct table_constraint {};
}  // namespace detail

struct not_null_t : detail::column_constraint {};
inline constexpr not_null_t not_null{};

struct autoincrement_t : detail::column_constraint {};
inline constexpr autoincrement_t autoincrement{};

// Composite keys at table level: RETORT_TABLE_ARGS(primary_key(self.a, self.b)).
template <class... Columns>
struct primary_key_of : detail::table_constraint {
    using columns = tl::list<Columns...>;
};
template <class... Columns>
struct unique_of : detail::table_constraint {
    using columns = tl::list<Columns...>;
};

struct primary_key_t : detail::column_constraint {
    template <class... Columns>
    constexpr primary_key_of<Columns...> operator()(Columns...) const {
        RETORT_RULE("primary_key(...) needs at least one column",
                    sizeof...(Columns) > 0);
        return {};
    }
};
inline constexpr primary_key_t primary_key{};

struct unique_t : detail::column_constraint {
    template <class... Columns>
    constexpr unique_of<Columns...> operator()(Columns...) const {
        RETORT_RULE("unique(...) needs at least one column",
                    sizeof...(Columns) > 0);
        return {};
    }
};
inline constexpr unique_t unique{};

// A plain index on the column: CREATE INDEX ix_<table>_<column>.
struct index_t : detail::column_constraint {};
inline constexpr index_t index{};

// A named (or unique) index over several columns, at table level:
//   RETORT_TABLE_ARGS(index_on<"ix_posts_user_title">(self.user_id, self.title))
template <fixed_string Name, bool Unique, class... Columns>
struct index_of : detail::table_constraint {
    static constexpr auto name = Name;
    static constexpr bool is_unique = Unique;
    using columns = tl::list<Columns...>;
};
template <fixed_string Name, class... Columns>
constexpr index_of<Name, false, Columns...> index_on(Columns...) {
    return {};
}
template <fixed_string Name, class... Columns>
constexpr index_of<Name, true, Columns...> unique_index_on(Columns...) {
    return {};
}

// A value (or a callable producing one) used when an INSERT leaves the column out.
template <class V>
struct default_value : detail::column_constraint {
    V value;
};
template <class V>
constexpr default_value<std::decay_t<V>> default_(V&& value) {
    return {{}, std::forward<V>(value)};
}

// SQL text spliced into DDL as is: server_default(raw_sql("now()")).
struct raw_sql {
    std::string_view text;
    constexpr explicit raw_sql(std::string_view t) : text(t) {}
};

// A DEFAULT clause in the table's DDL, evaluated by the database.
template <class V>
struct server_default_value : detail::column_constraint {
    V value;
};
template <class V>
constexpr auto server_default(V&& value) {
    using T = std::remove_cvref_t<V>;
    if constexpr (std::is_array_v<T> || std::is_pointer_v<T>) return server_default_value<std::string_view>{{}, value};
    else return server_default_value<T>{{}, std::forward<V>(value)};
}

// FOREIGN KEY ... REFERENCES; the referenced column decides the type the column must have.
template <class Target>
struct references_t : detail::column_constraint {
    using target = Target;
    fk_options options{};
};
template <class Target>
constexpr references_t<Target> references(Target, fk_options options = {}) {
    return {{}, options};
}

// CHECK (condition), at table level: RETORT_TABLE_ARGS(check(self.age >= 0)).
template <class Condition>
struct check_t : detail::table_constraint {
    Condition condition;
};
template <class Condition>
constexpr check_t<Condition> check(Condition condition) {
    RETORT_RULE("retort: CHECK needs a boolean condition, such as self.age >= 0",
                Condition::sql_type::category == type_category::boolean);
    RETORT_RULE("retort: aggregate functions are not allowed in CHECK constraints",
                !Condition::aggregate);
    return {{}, condition};
}

namespace detail {

template <class T, template <class> class Template>
struct is_instance_of : std::false_type {};
template <class U, template <class> class Template>
struct is_instance_of<Template<U>, Template> : std::true_type {};

template <class T>
struct is_references : is_instance_of<T, references_t> {};
template <class T>
struct is_default_value : is_instance_of<T, default_value> {};
template <class T>
struct is_server_default : is_instance_of<T, server_default_value> {};

template <class... Cs>
struct column_traits_impl {
    static constexpr bool primary_key = (std::is_same_v<Cs, primary_key_t> || ...);
    static constexpr bool unique = (std::is_same_v<Cs, unique_t> || ...);
    static constexpr bool not_null = (std::is_same_v<Cs, not_null_t> || ...) || primary_key;
    static constexpr bool explicit_autoincrement = (std::is_same_v<Cs, autoincrement_t> || ...);
    static constexpr bool index = (std::is_same_v<Cs, index_t> || ...);
    static constexpr std::size_t default_position = [] {
        constexpr bool flags[] = {is_default_value<Cs>::value..., false};
        for (std::size_t i = 0; i < sizeof...(Cs); ++i)
            if (flags[i]) return i;
        return sizeof...(Cs);
    }();
    static constexpr bool has_default = default_position < sizeof...(Cs);
    static constexpr bool has_server_default = (is_server_default<Cs>::value || ...);
    static constexpr std::size_t references_count = (std::size_t{is_references<Cs>::value} + ... + 0);
    using references = tl::concat<std::conditional_t<is_references<Cs>::value, tl::list<Cs>, tl::list<>>...>;
    using server_defaults = tl::concat<std::conditional_t<is_server_default<Cs>::value, tl::list<Cs>, tl::list<>>...>;
};

template <class Tuple>
struct column_traits_of;
template <class... Cs>
struct column_traits_of<std::tuple<Cs...>> : column_traits_impl<Cs...> {};

template <class... Cs>
constexpr std::tuple<std::decay_t<Cs>...> make_constraints(Cs&&... cs) {
    RETORT_RULE("retort: not a column constraint (primary_key, unique, not_null, index, autoincrement, "
                  "default_(v), server_default(v), references(table.column))",
                (std::is_base_of_v<column_constraint, std::decay_t<Cs>> && ...));
    return {std::forward<Cs>(cs)...};
}

}  // namespace detail
}  // namespace retort
