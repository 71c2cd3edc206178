#pragma once
// The bound values of a statement (named bindparams included) as text, for echo, events
// and error messages. Only made when one of those needs it, never on the normal path.
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <retort/driver/value_text_collector.hpp>
#include <retort/expr/bindparam.hpp>

namespace retort::detail {

template <class... Args>
class params_collector : public value_text_collector {
public:
    explicit params_collector(const std::tuple<Args...>& args) : args_(args) {}
    template <fixed_string Name, class SqlType>
    void bind_named() {
        if constexpr (named_argument_given<Name, SqlType, Args...>())
            text_.push_back(param_text(named_value_of<Name>(args_)));
    }

    template <fixed_string Name>
    void bind_text_argument() {
        constexpr std::size_t i = named_index<Name, Args...>();
        if constexpr (i < sizeof...(Args)) text_.push_back(param_text(std::get<i>(args_).value));
    }
    bool bind_text_argument(std::string_view name) {
        return std::apply(
            [&](const auto&... given) {
                return ((given.name.view() == name ? (text_.push_back(param_text(given.value)), true) : false) || ...);
            },
            args_);
    }

private:
    const std::tuple<Args...>& args_;
};

template <class Statement, class... Args>
std::vector<std::string> params_text(const Statement& statement, const std::tuple<Args...>& args) {
    params_collector<Args...> collector(args);
    statement.bind(collector);
    return collector.take();
}

}  // namespace retort::detail
