#pragma once
// Internal: what an engine is made of. Shared by the engine handle and every
// connection it hands out, so the pool outlives the last connection.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <retort/core/callback.hpp>
#include <retort/engine/engine.hpp>

#include "database_url.hpp"
#include "pool.hpp"

namespace retort::detail {

class engine_state {
public:
    // Validates the options and builds the pool (connecting lazily).
    engine_state(database_url url, engine_options options);
    ~engine_state();
    engine_state(const engine_state&) = delete;
    engine_state& operator=(const engine_state&) = delete;

    const database_url url;
    const engine_options options;
    const callback<void(std::string_view)> log;  // options.log, or stderr
    // What starts a transaction: "BEGIN", "BEGIN ISOLATION LEVEL ...", or empty
    // for isolation_level autocommit (no transaction at all).
    const std::string begin_sql;
    // SQLite's BEGIN for each sqlite_begin mode (connection::begin(mode)).
    const std::string sqlite_begin_sql[3] = {"BEGIN DEFERRED", "BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"};

    pool_listeners pool_events;
    std::vector<callback<void(const statement_info&)>> before_execute, after_execute;
    // Echo or an execute listener is on: only then does run() format or time anything.
    bool execute_hooks = false;

    // Declared last: destroyed first, while the listeners it may call still exist.
    std::unique_ptr<pool> connections;

    void update_hooks() noexcept { execute_hooks = options.echo || !before_execute.empty() || !after_execute.empty(); }
};

}  // namespace retort::detail
