// Two aliases (of different tables) with one name in one FROM.
// expect: retort: two sources in FROM have one name (an alias named like a table or another alias); rename one
#include "schema.hpp"

using namespace app;

constexpr auto a = alias<"x">(users);
constexpr auto b = alias<"x">(posts);
constexpr auto joined = select(a.username).select_from(a.join(b, b.user_id == a.id));
