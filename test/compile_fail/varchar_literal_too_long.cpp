// A string literal longer than the column's varchar<50>: more than 4 bytes per character, so
// too long whatever its characters.
// expect: retort: string literal longer than varchar<N> allows (characters counted as UTF-8 code points); shorten it or widen the column
#include "schema.hpp"

using namespace app;

auto add = insert(users).values(users.username = "a name far longer than the fifty characters varchar<50> holds, and longer than two "
                                                 "hundred bytes, which no fifty characters of UTF-8 can reach: four bytes is the "
                                                 "most one character takes, so two hundred and one bytes are too many",
                                users.email = "long@example.com");
