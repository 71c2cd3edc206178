// A lock option that is not lock::nowait or lock::skip_locked.
// expect: retort: lock options are lock::nowait and lock::skip_locked
#include "schema.hpp"

using namespace app;

auto next = select(posts.id).with_for_update(true);
