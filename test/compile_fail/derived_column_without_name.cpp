// select(subquery) of a subquery with an unlabeled expression: its column has no name.
// expect: retort: every column of a subquery needs a name: label expressions with .as<"name">()
#include "schema.hpp"

using namespace app;

constexpr auto counts = select(posts.user_id, count(posts.id)).group_by(posts.user_id).subquery<"counts">();
constexpr auto sql = sql_text<postgresql>(select(counts).select_from(counts));
