#include <retort/engine/engine.hpp>

namespace retort {

transaction::transaction(transaction&& other) noexcept
    : conn_(other.conn_), active_(std::exchange(other.active_, false)) {}

transaction::~transaction() {
    if (!active_) return;
    try {
        rollback();
    } catch (...) {
        // Destroyed while unwinding or abandoned: the pool's reset is the backstop.
    }
}

void transaction::commit() {
    if (!active_) throw invalid_request_error("This transaction is inactive");
    active_ = false;
    // Also commits what the connection autobegan after an inner conn.commit(),
    // so "commit on return" covers all the work of engine.transaction().
    conn_->commit();
}

void transaction::rollback() {
    if (!active_) return;
    active_ = false;
    conn_->rollback();
}

}  // namespace retort
