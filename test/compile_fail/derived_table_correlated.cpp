// A subquery in FROM that uses a column of the enclosing query (LATERAL is not supported).
// expect: retort: a subquery in FROM cannot use columns of the enclosing query
#include "schema.hpp"

using namespace app;

constexpr auto own = select(posts.title.as<"title">()).where(posts.user_id == users.id).subquery<"own">();
