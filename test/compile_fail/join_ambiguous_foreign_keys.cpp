// Two foreign keys lead from messages to users (sender and recipient): which one is the join?
// expect: retort: more than one foreign key relates the joined tables; give the ON condition: a.join(b, b.x == a.y)
#include "schema.hpp"

using namespace app;

struct messages_table : table<messages_table, "messages"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(sender_id, integer, not_null, references(users.id));
    RETORT_COLUMN(recipient_id, integer, not_null, references(users.id));
    RETORT_COLUMN(body, text, not_null);
};
inline constexpr messages_table messages;

constexpr auto sql = sql_text<postgresql>(select(users.username, messages.body).select_from(users.join(messages)));
