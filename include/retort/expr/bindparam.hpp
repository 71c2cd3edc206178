#pragma once
// Named parameters whose values come at execution, as SQLAlchemy's bindparam():
//   auto by_age = select(users).where(users.age > bindparam<"min_age", integer>);
//   conn.execute(by_age, arg<"min_age"> = 25);
// A missing or mistyped argument is a compile error at the execute() call.
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/check/type_rules.hpp>
#include <retort/core/expression.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort {

template <fixed_string Name, class SqlType>
struct bindparam_t : expr<bindparam_t<Name, SqlType>> {
    using sql_type = SqlType;
    static constexpr bool nullable = true;  // the argument may be std::optional
    using tables = tl::list<>;
    using columns = tl::list<>;
    static constexpr bool aggregate = false;
    static constexpr int precedence = prec::primary;
    static constexpr auto name = Name;

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const bindparam_t*) {
        ctx.note_bindparam(Name.view());
        ctx.put_placeholder();
    }
    template <class B>
    constexpr void bind(B& b) const {
        b.template bind_named<Name, SqlType>();
    }
};

template <fixed_string Name, class SqlType>
inline constexpr bindparam_t<Name, SqlType> bindparam{};

// The value of a bindparam at execution: arg<"min_age"> = 25.
template <fixed_string Name, class V>
struct named_value {
    static constexpr auto name = Name;
    V value;
};

template <fixed_string Name>
struct arg_t {
    template <class V>
    constexpr auto operator=(V&& value) const {
        if constexpr (!detail::is_null_value<V>) rules::has_sql_type<V>();
        return named_value<Name, detail::stored_t<V>>{detail::stored_t<V>(std::forward<V>(value))};
    }
};
template <fixed_string Name>
inline constexpr arg_t<Name> arg{};

namespace detail {

template <fixed_string Name, class... Args>
consteval std::size_t named_index() {
    constexpr bool matches[] = {(std::remove_cvref_t<Args>::name == Name)..., false};
    std::size_t found = sizeof...(Args), count = 0;
    for (std::size_t i = 0; i < sizeof...(Args); ++i)
        if (matches[i]) {
            found = i;
            ++count;
        }
    return count > 1 ? sizeof...(Args) + 1 : found;
}

// Whether exactly one value is given for bindparam Name among the execute() arguments, and
// of a type the bindparam takes: the rules, checked once; binding stops after a broken one.
template <fixed_string Name, class SqlType, class... Args>
consteval bool named_argument_given() {
    constexpr std::size_t i = named_index<Name, Args...>();
    RETORT_RULE("retort: no value given for a bindparam; pass arg<\"name\"> = value to execute()",
                i != sizeof...(Args));
    RETORT_RULE("retort: a bindparam's value is given twice",
                i != sizeof...(Args) + 1);
    if constexpr (i < sizeof...(Args)) {
        using V = decltype(std::remove_cvref_t<std::tuple_element_t<i, std::tuple<Args...>>>::value);
        rules::assignable<SqlType::category, category_of_value<V>>();
        return true;
    } else {
        return false;
    }
}

// The value given for bindparam Name (checked by named_argument_given).
template <fixed_string Name, class... Args>
constexpr const auto& named_value_of(const std::tuple<Args...>& args) {
    return std::get<named_index<Name, Args...>()>(args).value;
}

// Both: the value given for bindparam Name, checked.
template <fixed_string Name, class SqlType, class... Args>
constexpr const auto& named_argument(const std::tuple<Args...>& args) {
    static_cast<void>(named_argument_given<Name, SqlType, Args...>());
    return named_value_of<Name>(args);
}

}  // namespace detail
}  // namespace retort
