#pragma once
// Named parameters whose values come at execution, as SQLAlchemy's bindparam():
//   auto by_age = select(users).where(users.age > bindparam<"min_age", integer>);
//   conn.execute(by_age, arg<"min_age"> = 25);
// A missing or mistyped argument is a compile error at the execute() call.
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

// The value given for bindparam Name among the execute() arguments, checked.
template <fixed_string Name, class SqlType, class... Args>
constexpr const auto& named_argument(const std::tuple<Args...>& args) {
    constexpr std::size_t i = named_index<Name, Args...>();
    static_assert(i != sizeof...(Args), "retort: no value given for a bindparam; pass arg<\"name\"> = value to execute()");
    static_assert(i != sizeof...(Args) + 1, "retort: a bindparam's value is given twice");
    using V = decltype(std::get<i>(args).value);
    rules::assignable<SqlType::category, category_of_value<V>>();
    return std::get<i>(args).value;
}

}  // namespace detail
}  // namespace retort
