#include "engine_core.hpp"

#include "../engine_state.hpp"
#include "../postgresql_connection.hpp"
#include "postgresql_link.hpp"
#include "sqlite_link.hpp"

namespace retort::async_detail {

namespace {

engine_options sync_options(std::string_view url, engine_options options) {
    // SQLite: the synchronous engine only opens connections (the asynchronous pool keeps
    // them), except in memory, where the one connection is the database.
    if (url.starts_with("sqlite")) {
        options.poolclass = pool_class::null;
        if (detail::parse_database_url(url).memory()) options.poolclass = pool_class::queue;
    }
    return options;
}

}  // namespace

engine_core::engine_core(boost::asio::any_io_executor executor_, std::string_view url, engine_options options)
    : executor(std::move(executor_)), sync(create_engine(url, sync_options(url, options))) {
    const detail::engine_state& state = sync.state();
    detail::pool_config config;
    config.kind = options.poolclass;
    config.size = options.pool_size;
    config.max_overflow = options.max_overflow;
    config.timeout = options.pool_timeout;
    config.recycle = options.pool_recycle;
    config.pre_ping = options.pool_pre_ping;
    config.use_lifo = options.pool_use_lifo;
    config.reset_on_return = options.pool_reset_on_return;
    config.echo = options.echo_pool;
    config.log = state.log;
    if (options.poolclass == pool_class::null) {
        config.size = 0;  // no limit, nothing kept: see checkin
    } else if (options.poolclass == pool_class::static_pool) {
        config.size = 1;
        config.max_overflow = 0;
    }
    async_pool::opener open;
    if (state.url.dialect == dialect_kind::sqlite) {
        if (state.url.memory()) {
            config.size = 1;
            config.max_overflow = 0;
            config.recycle = -1;
            config.timeout_hint =
                " (an in-memory SQLite database lives in its one connection: close the connection another coroutine "
                "holds before connecting again, or use a file database)";
        }
        workers = std::make_shared<sqlite_workers>();
        open = [workers = workers, sync = sync]() -> boost::asio::awaitable<std::shared_ptr<driver_connection>> {
            co_return co_await sqlite_link::connect(workers, sync);
        };
    } else {
        detail::postgresql_config pg = detail::make_postgresql_config(state.url, options);
        open = [executor = executor, pg, timeout = options.connect_timeout,
                begin = state.begin_sql]() -> boost::asio::awaitable<std::shared_ptr<driver_connection>> {
            co_return co_await postgresql_link::connect(executor, pg, timeout, begin);
        };
    }
    pool = std::make_shared<async_pool>(executor, std::move(config), std::move(open), listeners);
}

engine_core::~engine_core() {
    pool->dispose();
}

}  // namespace retort::async_detail
