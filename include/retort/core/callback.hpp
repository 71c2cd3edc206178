#pragma once
// An owning, copyable callable for the options and listeners the engine keeps (a log sink, a
// progress report, pool and execution events): what std::function would be, without <functional>,
// which every unit including retort would otherwise parse (<functional> brings the searchers of
// <algorithm> and <unordered_map> with it). Anything callable with the arguments converts to it,
// a std::function among them. Copies share the one callable, as the engine's copies of options do.
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

#include <retort/core/errors.hpp>

namespace retort {

template <class Signature>
class callback;

template <class R, class... Args>
class callback<R(Args...)> {
public:
    callback() noexcept = default;
    callback(std::nullptr_t) noexcept {}  // NOLINT: implicit, like std::function
    template <class F>
        requires(!std::is_same_v<std::remove_cvref_t<F>, callback> &&
                 !std::is_same_v<std::remove_cvref_t<F>, std::nullptr_t> &&
                 requires(std::remove_cvref_t<F>& f, Args&&... args) {
                     static_cast<R>(f(std::forward<Args>(args)...));
                 })
    callback(F&& f)  // NOLINT: implicit, like std::function
    {
        // A null function pointer or an empty std::function (a class with result_type and a
        // test for emptiness) makes an empty callback.
        using D = std::decay_t<F>;  // a function is kept as its pointer
        if constexpr (std::is_pointer_v<std::remove_cvref_t<F>> ||
                      requires { typename D::result_type; static_cast<bool>(f); })
            if (!f) return;
        object_ = std::make_shared<D>(std::forward<F>(f));
        call_ = [](void* object, Args... args) -> R {
            return static_cast<R>((*static_cast<D*>(object))(std::forward<Args>(args)...));
        };
    }

    // An empty callback throws invalid_request_error, as an empty std::function throws.
    R operator()(Args... args) const { return call_(object_.get(), std::forward<Args>(args)...); }
    explicit operator bool() const noexcept { return object_ != nullptr; }
    friend bool operator==(const callback& c, std::nullptr_t) noexcept { return !c; }

private:
    [[noreturn]] static R call_empty(void*, Args...) {
        throw invalid_request_error("a retort::callback was called while empty (no callable was given to it)");
    }

    // The callable and a function that calls it: no virtual call for g++ to guess the target of.
    std::shared_ptr<void> object_;
    R (*call_)(void*, Args...) = &call_empty;
};

}  // namespace retort
