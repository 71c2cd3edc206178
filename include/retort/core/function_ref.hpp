#pragma once
// A non-owning reference to a callable: what the executor hands the engine to get the
// parameters as text on error or echo, without the allocation a std::function may make.
#include <type_traits>
#include <utility>

namespace retort {

template <class Signature>
class function_ref;

template <class R, class... Args>
class function_ref<R(Args...)> {
public:
    function_ref() noexcept = default;
    template <class F>
        // (a requires-expression: std::is_invocable_r costs the compiler more, once per callable)
        requires(!std::is_same_v<std::remove_cvref_t<F>, function_ref> &&
                 requires(F& f, Args&&... args) { static_cast<R>(f(std::forward<Args>(args)...)); })
    function_ref(F&& f) noexcept  // NOLINT: implicit, like std::function
        : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
          call_([](void* object, Args... args) -> R {
              return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
          }) {}

    R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }
    explicit operator bool() const noexcept { return call_ != nullptr; }

private:
    void* object_ = nullptr;
    R (*call_)(void*, Args...) = nullptr;
};

}  // namespace retort
