#pragma once
// Internal: opens driver connections for a URL (the pool's connector).
#include <retort/engine/engine.hpp>

#include "database_url.hpp"
#include "pool.hpp"

namespace retort::detail {

// Reads the URL's driver options now (url_error for a bad one); each call of the
// result opens one connection (cannot_connect when it fails).
pool::connector make_connector(const database_url& url, const engine_options& options);

}  // namespace retort::detail
