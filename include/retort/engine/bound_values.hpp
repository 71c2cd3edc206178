#pragma once
// A statement's values behind one function pointer: what the executor binds, and what it
// shows as text on error, echo and events. The executor's own path (prepare, bind, execute,
// hooks, errors) is then compiled once, in the library, not once per statement type.
#include <string>
#include <tuple>
#include <vector>

#include <retort/driver/value_binder.hpp>
#include <retort/engine/statement_binder.hpp>

namespace retort::detail {

struct bound_values {
    void (*bind)(const void* statement, const void* args, value_binder& binder);
    const void* statement;
    const void* args;

    void bind_into(value_binder& binder) const { bind(statement, args, binder); }
    // The values as text, in binding order (a params_text_fn can refer to this object).
    // In the library (lib/bound_values.cpp), with the text binder it makes.
    std::vector<std::string> operator()() const;
};

// Binds statement S with the named arguments Args (execute()'s arg<"name"> = value). On the
// path of every execution of S: kept with the program's other hot code, from a cache line's
// start (as the library's execution path is, lib/hot_path.hpp).
template <class S, class... Args>
[[gnu::hot, gnu::aligned(64)]] void bind_statement(const void* statement, const void* args, value_binder& binder) {
    // (with no Args too: a bindparam without its argument is a compile error, given here)
    statement_binder<Args...> named(binder, *static_cast<const std::tuple<Args...>*>(args));
    static_cast<const S*>(statement)->bind(named);
}

// `statement` and `args` must outlive the bound_values.
template <class S, class... Args>
bound_values bound_values_of(const S& statement, const std::tuple<Args...>& args) {
    return {&bind_statement<S, Args...>, &statement, &args};
}

}  // namespace retort::detail
