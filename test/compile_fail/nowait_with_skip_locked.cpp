// FOR UPDATE with both NOWAIT and SKIP LOCKED.
// expect: retort: NOWAIT and SKIP LOCKED exclude each other
#include "schema.hpp"

using namespace app;

auto next = select(posts.id).with_for_update(lock::nowait, lock::skip_locked);
