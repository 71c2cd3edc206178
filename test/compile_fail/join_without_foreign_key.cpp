// Joining two tables no foreign key relates, without saying how (posts and accounts both point at users).
// expect: retort: no foreign key relates the joined tables; give the ON condition: a.join(b, b.x == a.y)
#include "schema.hpp"

using namespace app;

constexpr auto sql = sql_text<postgresql>(select(posts.title, accounts.balance).select_from(posts.join(accounts)));
