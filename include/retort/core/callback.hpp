#pragma once
// An owning, copyable callable for the options and listeners the engine keeps (a log sink, a
// progress report, pool and execution events): what std::function would be, without <functional>,
// which every unit including retort would otherwise parse (<functional> brings the searchers of
// <algorithm> and <unordered_map> with it). Anything callable with the arguments converts to it,
// a std::function among them; copies are copies, as std::function's.
#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

#include <retort/core/errors.hpp>

namespace retort {

template <class Signature>
class callback;

template <class R, class... Args>
class callback<R(Args...)> {
    static constexpr std::size_t inline_size = 2 * sizeof(void*);
    // A small callable that is trivially copyable and destructible (a lambda capturing by
    // reference, a function pointer) is kept inside: no allocation, and nothing to release.
    // That also keeps an options struct made in a co_await expression safe from g++ 12, which
    // destroys such an aggregate temporary twice (docs/async.md).
    template <class D>
    static constexpr bool kept_inside = sizeof(D) <= inline_size && alignof(D) <= alignof(void*) &&
                                        std::is_trivially_copyable_v<D> && std::is_trivially_destructible_v<D>;

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
        if constexpr (kept_inside<D>) {
            ::new (static_cast<void*>(storage_.bytes)) D(std::forward<F>(f));
        } else {
            storage_.heap = new D(std::forward<F>(f));
            copy_ = [](const void* from) -> void* { return new D(*static_cast<const D*>(from)); };
            destroy_ = [](void* object) noexcept { delete static_cast<D*>(object); };
        }
        call_ = [](void* object, Args... args) -> R {
            return static_cast<R>((*static_cast<D*>(object))(std::forward<Args>(args)...));
        };
    }

    callback(const callback& other)
        : storage_(other.storage_), call_(other.call_), copy_(other.copy_), destroy_(other.destroy_) {
        if (copy_) storage_.heap = copy_(other.storage_.heap);
    }
    callback(callback&& other) noexcept
        : storage_(other.storage_), call_(other.call_), copy_(other.copy_), destroy_(other.destroy_) {
        other.call_ = &call_empty;
        other.copy_ = nullptr;
        other.destroy_ = nullptr;
    }
    callback& operator=(callback other) noexcept {
        std::swap(storage_, other.storage_);
        std::swap(call_, other.call_);
        std::swap(copy_, other.copy_);
        std::swap(destroy_, other.destroy_);
        return *this;
    }
    ~callback() {
        if (destroy_) destroy_(storage_.heap);
    }

    // An empty callback throws invalid_request_error, as an empty std::function throws.
    R operator()(Args... args) const { return call_(target(), std::forward<Args>(args)...); }
    explicit operator bool() const noexcept { return call_ != &call_empty; }
    friend bool operator==(const callback& c, std::nullptr_t) noexcept { return !c; }

private:
    [[noreturn]] static R call_empty(void*, Args...) {
        throw invalid_request_error("a retort::callback was called while empty (no callable was given to it)");
    }
    void* target() const noexcept { return copy_ ? storage_.heap : const_cast<unsigned char*>(storage_.bytes); }

    union storage {
        alignas(void*) unsigned char bytes[inline_size];
        void* heap;
    } storage_{};
    // How the callable is called, copied and destroyed: no virtual call for g++ to guess the
    // target of. copy_ and destroy_ are null for a callable kept inside.
    R (*call_)(void*, Args...) = &call_empty;
    void* (*copy_)(const void*) = nullptr;
    void (*destroy_)(void*) noexcept = nullptr;
};

}  // namespace retort
