// select(sub) of a subquery selecting users.id and posts.id: both render as "pairs"."id", which
// PostgreSQL calls ambiguous.
// expect: retort: select(subquery) of a subquery or CTE that selects two columns of one name; label them apart with .as<"name">()
#include "schema.hpp"

using namespace app;

constexpr auto pairs = select(users.id, posts.id).select_from(users.join(posts)).subquery<"pairs">();
constexpr auto all = select(pairs).select_from(pairs);
