#include <charconv>

#include <retort/engine/engine.hpp>

namespace retort {
namespace {

// Savepoints are named sp_<depth> by connection::begin_nested().
int depth_of(const std::string& name) {
    int depth = 0;
    std::from_chars(name.data() + 3, name.data() + name.size(), depth);
    return depth;
}

}  // namespace

nested_transaction::nested_transaction(nested_transaction&& other) noexcept
    : conn_(other.conn_), name_(std::move(other.name_)), active_(std::exchange(other.active_, false)) {}

nested_transaction::~nested_transaction() {
    if (!active_) return;
    try {
        rollback();
    } catch (...) {
        // Destroyed while unwinding: the enclosing transaction's rollback is the backstop.
    }
}

void nested_transaction::commit() {
    if (!active_) throw invalid_request_error("This nested transaction is inactive");
    const int depth = depth_of(name_);
    if (!conn_->in_transaction_ || conn_->savepoint_depth_ < depth) {
        active_ = false;
        throw invalid_request_error("savepoint " + name_ + " is gone: its enclosing transaction already ended");
    }
    conn_->run_internal("RELEASE SAVEPOINT " + name_, {});
    active_ = false;
    conn_->savepoint_depth_ = depth - 1;
}

void nested_transaction::rollback() {
    if (!active_) return;
    active_ = false;
    const int depth = depth_of(name_);
    if (!conn_->in_transaction_ || conn_->savepoint_depth_ < depth || conn_->invalidated_ || conn_->closed()) return;
    conn_->run_internal("ROLLBACK TO SAVEPOINT " + name_, {});
    conn_->savepoint_depth_ = depth - 1;
}

}  // namespace retort
