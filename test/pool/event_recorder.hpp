#pragma once
// Records every pool event as "<event> <connection id>", in the order they fire.
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "pool.hpp"

namespace retort::test {

class event_recorder {
public:
    explicit event_recorder(::retort::detail::pool_listeners& listeners) {
        listen(listeners.first_connect, "first_connect");
        listen(listeners.connect, "connect");
        listen(listeners.checkout, "checkout");
        listen(listeners.reset, "reset");
        listen(listeners.checkin, "checkin");
        listen(listeners.invalidate, "invalidate");
        listen(listeners.close, "close");
    }

    // Everything recorded so far, then forgets it.
    std::vector<std::string> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(entries_, {});
    }

    // How many times `event` fired (without forgetting anything).
    int count(const std::string& event) const {
        std::lock_guard lock(mutex_);
        int n = 0;
        for (const auto& entry : entries_)
            if (entry.compare(0, event.size() + 1, event + ' ') == 0) ++n;
        return n;
    }

private:
    void listen(::retort::detail::pool_listener_list& list, std::string name) {
        list.push_back([this, name](const pool_event& event) {
            std::lock_guard lock(mutex_);
            entries_.push_back(name + ' ' + std::to_string(event.connection_id));
        });
    }

    mutable std::mutex mutex_;
    std::vector<std::string> entries_;
};

}  // namespace retort::test
