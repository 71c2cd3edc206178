#include "connector.hpp"

#include <chrono>
#include <cmath>
#include <memory>

#include "postgresql_connection.hpp"
#include "sqlite_connection.hpp"

namespace retort::detail {

pool::connector make_connector(const database_url& url, const engine_options& options) {
    if (url.dialect == dialect_kind::sqlite) {
        sqlite_config config = make_sqlite_config(url);
        config.read_uncommitted = options.isolation_level == isolation_level::read_uncommitted;
        config.statement_timeout = std::chrono::milliseconds(std::llround(options.statement_timeout * 1000));
        return [config] { return std::make_unique<sqlite_connection>(config); };
    }
    postgresql_config config = make_postgresql_config(url, options);
    return [config] { return std::make_unique<postgresql_connection>(config); };
}

}  // namespace retort::detail
