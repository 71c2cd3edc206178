// Two CTEs of one WITH with one name.
// expect: retort: two CTEs of one WITH have one name; rename one
#include "schema.hpp"

using namespace app;

constexpr auto old = select(users.id).where(users.age > 60).cte<"picked">();
constexpr auto long_posts = select(posts.id).where(posts.id > 100).cte<"picked">();
constexpr auto both = select(old.c<"id">).with_(old, long_posts);
