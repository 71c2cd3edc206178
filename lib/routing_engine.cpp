#include <retort/engine/routing_engine.hpp>

#include <mutex>

#include <retort/engine/dialect_engine.hpp>
#include <retort/stmt/result_column.hpp>

#include "database_url.hpp"

namespace retort {
namespace detail {

using clock = std::chrono::steady_clock;

// Replication lag in milliseconds: zero once everything received is replayed (an idle
// primary sends nothing, so the last replayed transaction's time says nothing then).
constexpr auto replica_lag_ms = text_clause<
    "SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE coalesce((extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint, 0) END AS lag_ms">()
                                   .columns(result_column<"lag_ms", bigint>);

class routing_state {
public:
    routing_state(std::string_view primary_url, const std::vector<std::string>& replica_urls, routing_options options)
        : options_(std::move(options)),
          primary_(create_engine<postgresql>(primary_url, options_.engine)),
          primary_reads_(create_engine<postgresql>(primary_url, autocommit(options_.engine))) {
        if (options_.max_replica_lag.count() < 0) throw argument_error("max_replica_lag must be 0 or more");
        if (options_.recheck_interval.count() < 0) throw argument_error("recheck_interval must be 0 or more");
        if (options_.primary_after_write.count() < 0) throw argument_error("primary_after_write must be 0 or more");
        replicas_.reserve(replica_urls.size());
        for (const std::string& url : replica_urls)
            replicas_.push_back({create_engine<postgresql>(url, autocommit(options_.engine))});
    }

    const routing_options& options() const noexcept { return options_; }
    engine& primary() noexcept { return primary_; }
    engine& primary_reads() noexcept { return primary_reads_; }
    std::size_t replica_count() const noexcept { return replicas_.size(); }
    engine& replica(std::size_t index) { return replicas_.at(index).db; }

    // The next healthy replica in turn, or nullopt.
    std::optional<std::size_t> next_replica() {
        const std::lock_guard lock(mutex_);
        for (std::size_t tried = 0; tried < replicas_.size(); ++tried) {
            const std::size_t index = next_++ % replicas_.size();
            if (healthy_locked(index)) return index;
        }
        return std::nullopt;
    }
    bool healthy(std::size_t index) {
        const std::lock_guard lock(mutex_);
        return healthy_locked(index);
    }
    // A read on the replica failed for the server's sake: skip it until a check passes.
    void failed(std::size_t index) noexcept {
        const std::lock_guard lock(mutex_);
        replica_state& r = replicas_[index];
        r.healthy = false;
        r.next_check = clock::now() + options_.recheck_interval;
        r.db.dispose();  // its idle connections are as dead as the one that failed
    }

private:
    struct replica_state {
        engine db;
        bool healthy = true;
        clock::time_point next_check{};  // due at once: the first use checks
    };

    static engine_options autocommit(engine_options options) {
        // Reads need no transaction, and one left open on a hot standby holds back replay.
        options.isolation_level = isolation_level::autocommit;
        return options;
    }

    // Checks at most once per recheck_interval (under the lock: one check at a time, the others
    // wait for its answer rather than pile onto a server that may be down).
    bool healthy_locked(std::size_t index) {
        replica_state& r = replicas_[index];
        const clock::time_point now = clock::now();
        if (now < r.next_check) return r.healthy;
        r.healthy = passes_check(r.db);
        r.next_check = clock::now() + options_.recheck_interval;
        if (!r.healthy) r.db.dispose();
        return r.healthy;
    }

    bool passes_check(engine& db) noexcept {
        try {
            connection conn = db.connect();
            const auto lag = conn.execute(replica_lag_ms).scalar();
            return lag && *lag <= options_.max_replica_lag.count();
        } catch (const std::exception&) {
            return false;
        }
    }

    routing_options options_;
    engine primary_;
    engine primary_reads_;
    std::vector<replica_state> replicas_;
    std::mutex mutex_;
    std::size_t next_ = 0;
};

}  // namespace detail

routing_engine create_routing_engine(std::string_view primary_url, const std::vector<std::string>& replica_urls,
                                     routing_options options) {
    return routing_engine(std::make_shared<detail::routing_state>(primary_url, replica_urls, std::move(options)));
}

replica_connection routing_engine::connect_replica() {
    if (const auto index = state_->next_replica()) return replica_connection(state_->replica(*index).connect());
    return replica_connection(state_->primary_reads().connect());
}

engine& routing_engine::primary() { return state_->primary(); }

std::size_t routing_engine::replica_count() const { return state_->replica_count(); }

bool routing_engine::replica_healthy(std::size_t index) {
    if (index >= state_->replica_count()) throw argument_error("no replica " + std::to_string(index));
    return state_->healthy(index);
}

connection& routing_session::primary() {
    if (!primary_) primary_.emplace(state_->primary().connect());
    return *primary_;
}

void routing_session::exec_driver_sql(std::string_view sql) {
    primary().exec_driver_sql(sql);
    last_route_ = route::primary;
    wrote();
}

void routing_session::commit() {
    if (primary_) primary_->commit();
}

void routing_session::rollback() {
    if (primary_) primary_->rollback();
}

void routing_session::close() {
    reader_.reset();
    if (primary_) primary_->close();
    primary_.reset();
}

bool routing_session::pinned_to_primary() const {
    return state_->options().primary_after_write.count() > 0 && detail::clock::now() < primary_until_;
}

void routing_session::wrote() {
    if (state_->options().primary_after_write.count() > 0)
        primary_until_ = detail::clock::now() + state_->options().primary_after_write;
}

int routing_session::max_read_attempts() const noexcept { return int(state_->replica_count()); }

replica_connection& routing_session::open_reader(bool primary_only) {
    if (reader_) {
        // Kept while it is on a healthy replica; a read on the primary moves back to a
        // replica as soon as one is healthy again.
        if (reader_on_replica_ && !primary_only && state_->healthy(reader_index_)) return *reader_;
        if (!reader_on_replica_ && (primary_only || state_->replica_count() == 0)) return *reader_;
    }
    const std::optional<std::size_t> index = primary_only ? std::nullopt : state_->next_replica();
    if (!index && reader_ && !reader_on_replica_) return *reader_;
    reader_.reset();
    if (index) {
        reader_.emplace(state_->replica(*index).connect());
        reader_index_ = *index;
        reader_on_replica_ = true;
    } else {
        reader_.emplace(state_->primary_reads().connect());
        reader_on_replica_ = false;
    }
    return *reader_;
}

void routing_session::reader_failed() noexcept {
    if (reader_on_replica_) state_->failed(reader_index_);
    if (reader_) {
        try {
            reader_->invalidate();
        } catch (...) {
        }
    }
    reader_.reset();
}

}  // namespace retort
