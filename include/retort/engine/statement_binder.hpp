#pragma once
// The binder execute() uses: a value_binder that also has the values of named bindparams
// (the arg<"name"> = value arguments of execute()).
#include <cstddef>
#include <string_view>
#include <tuple>

#include <retort/driver/value_binder.hpp>
#include <retort/expr/bindparam.hpp>

namespace retort {
namespace detail {

// A value_binder that also has the values of named bindparams (execute()'s Args).
template <class... Args>
class statement_binder : public value_binder {
public:
    statement_binder(driver::statement& s, dialect_kind dialect, const std::tuple<Args...>& args)
        : value_binder(s, dialect), args_(args) {}

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
    const std::tuple<Args...>& args_;
};

}  // namespace detail
}  // namespace retort
