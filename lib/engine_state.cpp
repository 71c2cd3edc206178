#include "engine_state.hpp"

#include <cmath>

#include <retort/core/errors.hpp>

#include "connector.hpp"
#include "echo_log.hpp"

namespace retort::detail {
namespace {

void validate(const database_url& url, const engine_options& options) {
    if (options.pool_size < 0)
        throw argument_error("pool_size must be 0 (no limit) or more, got " + std::to_string(options.pool_size));
    if (options.max_overflow < -1)
        throw argument_error("max_overflow must be -1 (no limit) or more, got " + std::to_string(options.max_overflow));
    if (!(options.pool_timeout >= 0)) throw argument_error("pool_timeout must be 0 seconds or more");
    if (std::isnan(options.pool_recycle)) throw argument_error("pool_recycle must be a number of seconds, or -1");
    if (!(options.connect_timeout >= 0)) throw argument_error("connect_timeout must be 0 seconds (no limit) or more");
    if (options.pipeline_depth < 1)
        throw argument_error("pipeline_depth must be 1 or more, got " + std::to_string(options.pipeline_depth));
    if (!(options.statement_timeout >= 0) || options.statement_timeout > 1e6)
        throw argument_error("statement_timeout must be 0 seconds (no limit) or more, up to 1e6");
    if (options.statement_timeout > 0 && options.statement_timeout < 0.001)
        throw argument_error("statement_timeout is counted in whole milliseconds: give at least 0.001 seconds");
    if (url.dialect == dialect_kind::postgresql && options.sqlite_begin != sqlite_begin::deferred)
        throw argument_error(
            "sqlite_begin is a SQLite option: PostgreSQL's BEGIN takes no lock up front (leave it deferred)");
    if (url.dialect == dialect_kind::sqlite && options.isolation_level &&
        (*options.isolation_level == isolation_level::read_committed ||
         *options.isolation_level == isolation_level::repeatable_read))
        throw argument_error(
            "isolation_level is not available on SQLite: valid levels are serializable, read_uncommitted and "
            "autocommit");
}

std::string begin_statement(const database_url& url, const engine_options& options) {
    if (url.dialect == dialect_kind::sqlite && options.isolation_level != isolation_level::autocommit) {
        if (options.sqlite_begin == sqlite_begin::immediate) return "BEGIN IMMEDIATE";
        if (options.sqlite_begin == sqlite_begin::exclusive) return "BEGIN EXCLUSIVE";
    }
    if (!options.isolation_level) return "BEGIN";
    switch (*options.isolation_level) {
        case isolation_level::autocommit: return {};
        case isolation_level::read_uncommitted:
            // SQLite reads uncommitted data through PRAGMA read_uncommitted, set at connect.
            return url.dialect == dialect_kind::postgresql ? "BEGIN ISOLATION LEVEL READ UNCOMMITTED" : "BEGIN";
        case isolation_level::read_committed: return "BEGIN ISOLATION LEVEL READ COMMITTED";
        case isolation_level::repeatable_read: return "BEGIN ISOLATION LEVEL REPEATABLE READ";
        case isolation_level::serializable:
            return url.dialect == dialect_kind::postgresql ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN";
    }
    return "BEGIN";
}

database_url validated(database_url url, const engine_options& options) {
    validate(url, options);
    return url;
}

// The options the URL overrides: ?prepared_statements=false (a transaction-pooling PgBouncer).
engine_options with_url_options(const database_url& url, engine_options options) {
    if (url.dialect == dialect_kind::postgresql && url.flag("prepared_statements") == false)
        options.prepared_statements = false;
    return options;
}

}  // namespace

engine_state::engine_state(database_url url_, engine_options options_)
    : url(validated(std::move(url_), options_)),
      options(with_url_options(url, std::move(options_))),
      log(options.log ? options.log : stderr_log()),
      begin_sql(begin_statement(url, options)) {
    pool_config config;
    config.kind = options.poolclass;
    config.size = options.pool_size;
    config.max_overflow = options.max_overflow;
    config.timeout = options.pool_timeout;
    config.recycle = options.pool_recycle;
    config.pre_ping = options.pool_pre_ping;
    config.use_lifo = options.pool_use_lifo;
    config.reset_on_return = options.pool_reset_on_return;
    config.echo = options.echo_pool;
    config.log = log;
    if (url.dialect == dialect_kind::sqlite && url.memory() && config.kind == pool_class::queue) {
        // An in-memory database lives inside one connection: every checkout must
        // get that one (SQLAlchemy shares it the same way), and it must never be
        // recycled away.
        config.size = 1;
        config.max_overflow = 0;
        config.recycle = -1;
        config.timeout_hint =
            " (an in-memory SQLite database lives in its one connection: close the connection this thread or "
            "another holds before connecting again, or use a file database)";
    }
    connections = std::make_unique<pool>(std::move(config), make_connector(url, options), pool_events);
    update_hooks();
}

engine_state::~engine_state() = default;

}  // namespace retort::detail
