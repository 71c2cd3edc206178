#include <retort/engine/result_source.hpp>

#include <retort/core/errors.hpp>
#include <retort/engine/engine.hpp>

namespace retort::detail {

bool result_source::finished() noexcept {
    close();
    return false;
}

bool result_source::next_written_row(void* row, const driver::row_column* columns) {
    try {
        for (;;) {
            if (!handle_) [[unlikely]]
                return finished();
            if (handle_->next_row({}, {row, columns}) == driver::row_step::end) return finished();
            if (!seen_ || seen_->admit(row)) [[likely]]
                return true;
        }
    } catch (...) {
        read_failed();
    }
}

void result_source::read_failed() {
    handle_.reset();
    if (conn_ != nullptr) conn_->rethrow_with(sql_, params_text_fn{});
    // Rows read with no connection to tell (the asynchronous executor's): the SQL is attached
    // to the statement_error in flight here.
    try {
        throw;
    } catch (statement_error& e) {
        if (e.sql().empty() && !sql_.empty()) e.set_sql(std::string(sql_));
        throw;
    }
}

}  // namespace retort::detail
