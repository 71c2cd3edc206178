#include "connection_use.hpp"

#include <retort/core/errors.hpp>

namespace retort::detail {

void connection_use::concurrent_use() {
    throw invalid_request_error(
        "connection used concurrently from two threads: a connection (and its results) belongs to one thread at a "
        "time; give each thread its own connection from the engine");
}

}  // namespace retort::detail
