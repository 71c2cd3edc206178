#pragma once
// One primary and its streaming replicas behind one engine, routed by statement type:
//   auto db = create_routing_engine(primary_url, {replica_url}, {.max_replica_lag = 5s});
//   auto session = db.connect();
//   session.execute(select(users.id));                   // a healthy replica
//   session.execute(insert(users).values(...));          // the primary
//   session.commit();
// A read-only statement (read_only_statement<S>: a SELECT without locks) goes to a replica;
// everything else, and everything inside a transaction on the primary, goes to the primary.
// Replicas take turns among the healthy ones: a replica that cannot be reached, or replays
// more than max_replica_lag behind, is skipped until a check every recheck_interval passes;
// with none healthy, reads go to the primary. A read that fails for the replica's sake
// (connection lost, server shut down) runs again on the next replica or the primary.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <retort/core/errors.hpp>
#include <retort/core/rule.hpp>
#include <retort/engine/engine.hpp>
#include <retort/engine/execute.hpp>
#include <retort/stmt/read_only_statement.hpp>

namespace retort {

struct routing_options {
    engine_options engine{};  // for the primary and every replica (replicas run in autocommit)
    // A replica replaying further behind than this is skipped (caught up: no lag at all).
    std::chrono::milliseconds max_replica_lag{5000};
    // How often a replica's health (reachable, lag) is checked again.
    std::chrono::milliseconds recheck_interval{1000};
    // After a write, the session reads from the primary for this long (its replicas may not
    // have the write yet); zero: reads go back to replicas once the transaction ends.
    std::chrono::milliseconds primary_after_write{0};
};

namespace detail {
class routing_state;
}

// Where a routed statement ran (routing_session::last_route()).
enum class route : unsigned char { none, primary, replica };

// A connection for reads only: execute() takes read-only statements (and SQL text, which the
// server refuses to write with: a hot standby is read-only).
class replica_connection {
public:
    explicit replica_connection(connection conn) : conn_(std::move(conn)) {}

    template <class Statement, class... Args>
    auto execute(const Statement& statement, const Args&... named) {
        RETORT_RULE("retort: a replica connection only reads: execute INSERT, UPDATE, DELETE, DDL and "
                    "SELECT ... FOR UPDATE/SHARE on the primary",
                    read_only_statement<Statement> || text_statement_type<Statement>);
        return conn_.execute(statement, named...);
    }
    template <class Statement, class... Args>
    auto scalar(const Statement& statement, const Args&... named) {
        return execute(statement, named...).scalar();
    }
    void close() { conn_.close(); }
    void invalidate() { conn_.invalidate(); }

private:
    connection conn_;
};

class routing_engine;

// One caller's statements (a connection's counterpart): the primary connection is kept while
// its transaction lasts, the replica connection while its rows are read.
class routing_session {
public:
    explicit routing_session(std::shared_ptr<detail::routing_state> state) : state_(std::move(state)) {}

    template <class Statement, class... Args>
    auto execute(const Statement& statement, const Args&... named) {
        if constexpr (read_only_statement<Statement>) {
            if (!in_transaction()) return read(statement, named...);
        }
        return write(statement, named...);
    }
    // SQL text that only reads: may go to a replica like a SELECT.
    template <class Statement, class... Args>
    auto execute_read_only(const Statement& statement, const Args&... named) {
        RETORT_RULE("retort: execute_read_only() takes SQL text (text_clause) or a read-only SELECT",
                    read_only_statement<Statement> || text_statement_type<Statement>);
        if (!in_transaction()) return read(statement, named...);
        auto result = primary().execute(statement, named...);
        last_route_ = route::primary;
        return result;
    }
    template <class Statement, class... Args>
    auto scalar(const Statement& statement, const Args&... named) {
        return execute(statement, named...).scalar();
    }
    // SQL text on the primary.
    void exec_driver_sql(std::string_view sql);

    // Transactions are the primary's: reads inside one go there too.
    retort::transaction begin() { return primary().begin(); }
    void commit();
    void rollback();
    bool in_transaction() const noexcept { return primary_ && primary_->in_transaction(); }

    // The session's primary connection (opened on first use).
    connection& primary();
    route last_route() const noexcept { return last_route_; }
    // Closes both connections (the primary's rolls back what is uncommitted).
    void close();

private:
    // Outside a transaction: not pinned to the primary by a recent write.
    bool pinned_to_primary() const;
    void wrote();
    // Opens a read connection: the next healthy replica, else the primary (autocommit).
    replica_connection& open_reader(bool primary_only);
    // The reader failed for its server's sake: mark it unhealthy and drop it.
    void reader_failed() noexcept;

    // A read outside a transaction: a replica, or the primary in autocommit (pinned, or no
    // replica healthy), so that it opens no transaction there.
    template <class Statement, class... Args>
    auto read(const Statement& statement, const Args&... named) {
        const bool pinned = pinned_to_primary();
        // Each replica at most once, then the primary: a read is safe to run again.
        for (int attempt = 0;; ++attempt) {
            const bool last = pinned || attempt >= max_read_attempts();
            replica_connection& reader = open_reader(last);
            try {
                auto result = reader.execute(statement, named...);
                last_route_ = reader_on_replica_ ? route::replica : route::primary;
                return result;
            } catch (const statement_timeout_error&) {
                throw;
            } catch (const operational_error&) {
                if (last) throw;
                reader_failed();
            }
        }
    }
    template <class Statement, class... Args>
    auto write(const Statement& statement, const Args&... named) {
        auto result = primary().execute(statement, named...);
        last_route_ = route::primary;
        if constexpr (!read_only_statement<Statement>) wrote();
        return result;
    }
    int max_read_attempts() const noexcept;

    std::shared_ptr<detail::routing_state> state_;
    std::optional<connection> primary_;
    std::optional<replica_connection> reader_;
    std::size_t reader_index_ = 0;  // the replica reader_ is on, when reader_on_replica_
    bool reader_on_replica_ = false;
    std::chrono::steady_clock::time_point primary_until_{};
    route last_route_ = route::none;
};

class routing_engine {
public:
    explicit routing_engine(std::shared_ptr<detail::routing_state> state) : state_(std::move(state)) {}

    routing_session connect() { return routing_session(state_); }
    // A connection for reads: a healthy replica (taking turns), else the primary in autocommit.
    replica_connection connect_replica();
    engine& primary();
    std::size_t replica_count() const;
    // Whether the replica passed its last check (checking again when it is due).
    bool replica_healthy(std::size_t index);

    // Runs fn(routing_session&) in a transaction on the primary: commit on return, rollback on throw.
    template <class F>
    auto transaction(F&& fn) -> std::invoke_result_t<F&, routing_session&> {
        return detail::run_in_transaction(connect(), fn);
    }

private:
    std::shared_ptr<detail::routing_state> state_;
};

// PostgreSQL URLs of the primary and its hot-standby replicas. Throws url_error for a URL that
// is not PostgreSQL's; connects lazily.
routing_engine create_routing_engine(std::string_view primary_url, const std::vector<std::string>& replica_urls,
                                     routing_options options = {});

}  // namespace retort
