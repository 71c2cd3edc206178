// The same table twice in metadata{...}.
// expect: retort: a table is listed twice in metadata{...}
#include "schema.hpp"

using namespace app;

const auto schema = metadata{users, posts, users};
