// metadata{...} without a table that a foreign key of its tables references (create_all would fail).
// expect: retort: a table of metadata{...} has a foreign key to a table that is not listed; list that table too
#include "schema.hpp"

using namespace app;

constexpr auto schema = metadata{posts};
