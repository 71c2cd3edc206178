#pragma once
// Internal: what every driver connection checks around a round trip to its database, in one
// atomic byte: whether a call is running on it now (a second thread is refused at once
// instead of hanging in libpq or corrupting an sqlite3 handle opened without its mutex), and
// whether statements run against a timeout (only then does a driver take its slower, timed
// path). Entering costs one atomic exchange and leaving one store.
#include <atomic>
#include <chrono>

namespace retort::detail {

class connection_use {
public:
    // Marks the connection in use for the lifetime of the scope.
    class scope {
    public:
        explicit scope(connection_use& use) : use_(use), before_(use.state_.exchange(busy, std::memory_order_acquire)) {
            // The other thread's scope puts the state back when it ends: not ours to restore.
            if (before_ & busy) [[unlikely]]
                concurrent_use();
        }
        ~scope() { use_.state_.store(before_, std::memory_order_release); }
        scope(const scope&) = delete;
        scope& operator=(const scope&) = delete;

        // Whether this call runs against a timeout (connection_use::timeout()).
        bool timed() const noexcept { return before_ != 0; }

    private:
        connection_use& use_;
        unsigned char before_;
    };

    // How long each statement may run from its start (zero: no limit). Set by the thread that
    // uses the connection, between calls.
    void set_timeout(std::chrono::milliseconds timeout) noexcept {
        timeout_ = timeout.count() > 0 ? timeout : std::chrono::milliseconds{0};
        state_.store(timeout_.count() > 0 ? timed : 0, std::memory_order_relaxed);
    }
    std::chrono::milliseconds timeout() const noexcept { return timeout_; }

private:
    static constexpr unsigned char busy = 1, timed = 2;
    [[noreturn, gnu::cold]] static void concurrent_use();

    std::atomic<unsigned char> state_{0};
    std::chrono::milliseconds timeout_{0};
};

}  // namespace retort::detail
