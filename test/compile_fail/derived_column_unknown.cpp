// A column of a derived table that it does not have (the count is labeled "n").
// expect: retort: the subquery has no column of this name (label expressions with .as<"name">())
#include "schema.hpp"

using namespace app;

constexpr auto counts = select(posts.user_id, count(posts.id).as<"n">()).group_by(posts.user_id).subquery<"counts">();
constexpr auto sql = sql_text<postgresql>(select(counts.c<"post_count">).select_from(counts));
