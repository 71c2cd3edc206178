// A derived table's columns selected without select_from(derived table).
// expect: retort: a subquery's columns are selected but the subquery is not in FROM; use select_from(subquery)
#include "schema.hpp"

using namespace app;

constexpr auto counts = select(posts.user_id, count(posts.id).as<"n">()).group_by(posts.user_id).subquery<"counts">();
constexpr auto sql = sql_text<postgresql>(select(counts.c<"n">));
