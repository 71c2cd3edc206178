// An alias made of another alias instead of the table.
// expect: retort: alias an alias's table, not the alias
#include "schema.hpp"

using namespace app;

constexpr auto author = alias<"author">(users);
constexpr auto editor = alias<"editor">(author);
