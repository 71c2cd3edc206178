// 51 characters of two bytes each into varchar<50>: 102 bytes, which 50 characters could
// fill, so the characters are counted (UTF-8 code points, as PostgreSQL counts them).
// expect: retort: string literal longer than varchar<N> allows (characters counted as UTF-8 code points); shorten it or widen the column
#include "schema.hpp"

using namespace app;

auto add = insert(users).values(users.username = "ééééééééééééééééééééééééééééééééééééééééééééééééééé",
                                users.email = "long@example.com");
