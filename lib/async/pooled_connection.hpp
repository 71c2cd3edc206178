#pragma once
// Internal: one pooled asynchronous connection, as the synchronous pool's connection_record.
#include <chrono>
#include <cstdint>
#include <memory>

#include <retort/async/driver_connection.hpp>

namespace retort::async_detail {

class pooled_connection {
public:
    pooled_connection(std::shared_ptr<driver_connection> link, std::uint64_t id)
        : link_(std::move(link)), id_(id), created_(std::chrono::steady_clock::now()) {}
    driver_connection& link() noexcept { return *link_; }
    const std::shared_ptr<driver_connection>& shared_link() const noexcept { return link_; }
    std::uint64_t id() const noexcept { return id_; }
    std::chrono::steady_clock::time_point created() const noexcept { return created_; }
    // Marks the connection dead: closed instead of kept at checkin.
    void invalidate() noexcept { invalidated_ = true; }
    bool invalidated() const noexcept { return invalidated_ || link_->broken(); }
    // Left in a transaction: rolled back before anyone gets it again.
    bool needs_reset = false;

private:
    std::shared_ptr<driver_connection> link_;
    std::uint64_t id_;
    std::chrono::steady_clock::time_point created_;
    bool invalidated_ = false;
};

}  // namespace retort::async_detail
