#pragma once
// The binder of a statement executed with arguments: a value_binder that also has the values
// of named bindparams (the arg<"name"> = value arguments of execute()).
#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <retort/driver/value_binder.hpp>
#include <retort/expr/bindparam.hpp>

namespace retort {
namespace detail {

// A value_binder with the values of named bindparams (execute()'s Args): the values a
// statement holds go to the value_binder it wraps, and so do the named ones it looks up.
template <class... Args>
class statement_binder {
public:
    statement_binder(value_binder& binder, const std::tuple<Args...>& args) : binder_(binder), args_(args) {}

    template <class SqlType, class V>
    void bind(const V& value) {
        binder_.bind<SqlType>(value);
    }
    template <class V>
    void bind_list(const std::vector<V>& values) {
        binder_.bind_list(values);
    }
    template <class SqlType, class V>
    void bind_owned(V&& value) {
        binder_.bind_owned<SqlType>(std::forward<V>(value));
    }
    value_binder& underlying() noexcept { return binder_; }

    template <fixed_string Name, class SqlType>
    void bind_named() {
        if constexpr (named_argument_given<Name, SqlType, Args...>()) bind<SqlType>(named_value_of<Name>(args_));
    }

    // The value of a :name parameter of SQL text (text_clause); check_arguments() has
    // made sure it is there.
    template <fixed_string Name>
    void bind_text_argument() {
        constexpr std::size_t i = named_index<Name, Args...>();
        if constexpr (i < sizeof...(Args)) bind<void>(std::get<i>(args_).value);
    }
    // The same for text made at run time: false when no argument has that name.
    bool bind_text_argument(std::string_view name) {
        return std::apply(
            [&](const auto&... given) {
                return ((given.name.view() == name ? (bind<void>(given.value), true) : false) || ...);
            },
            args_);
    }

private:
    value_binder& binder_;
    const std::tuple<Args...>& args_;
};

}  // namespace detail
}  // namespace retort
