#pragma once
// Small tables shared by the render, expr and stmt tests: users and posts as in the design
// notes, one column of every SQL type, identifiers that need quoting, C++ defaults and a
// text primary key.
#include <retort/dsl.hpp>

namespace retort::test_schema {

using namespace retort;

struct users_table : table<users_table, "users"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(username, varchar<50>, unique, not_null);
    RETORT_COLUMN(email, varchar<100>, not_null);
    RETORT_COLUMN(age, integer);
};
inline constexpr users_table users;

struct posts_table : table<posts_table, "posts"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(title, varchar<200>, not_null);
    RETORT_COLUMN(content, text, not_null);
    RETORT_COLUMN(user_id, integer, not_null, references(users.id));
};
inline constexpr posts_table posts;

// One nullable column of every SQL type.
struct values_table : table<values_table, "type_values"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(small, smallint);
    RETORT_COLUMN(regular, integer);
    RETORT_COLUMN(big, bigint);
    RETORT_COLUMN(single, real);
    RETORT_COLUMN(wide, double_precision);
    RETORT_COLUMN(price, (numeric<10, 2>));
    RETORT_COLUMN(flag, boolean);
    RETORT_COLUMN(note, text);
    RETORT_COLUMN(code, varchar<8>);
    RETORT_COLUMN(day, date);
    RETORT_COLUMN(clock, time_of_day);
    RETORT_COLUMN(stamp, timestamp);
    RETORT_COLUMN(payload, blob);
    RETORT_COLUMN(doc, json);
};
inline constexpr values_table type_values;

// Identifiers with a double quote and a space in them: the dialect doubles the quote.
struct quoted_table : table<quoted_table, "odd \"table\""> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_NAMED_COLUMN(said, "say \"hi\"", text, not_null);
    RETORT_NAMED_COLUMN(order_, "order", integer);
};
inline constexpr quoted_table quoted;

// default_ values: a constant and a callable evaluated at each execution.
inline int next_sequence_number() {
    static int next = 0;
    return ++next;
}
struct events_table : table<events_table, "events"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(kind, varchar<20>, not_null, default_("info"));
    RETORT_COLUMN(sequence, integer, not_null, default_([] { return next_sequence_number(); }));
    RETORT_COLUMN(message, text);
};
inline constexpr events_table events;

// A composite primary key, declared at table level.
struct memberships_table : table<memberships_table, "memberships"> {
    RETORT_COLUMN(user_id, integer, not_null, references(users.id));
    RETORT_COLUMN(group_name, varchar<30>, not_null);
    RETORT_COLUMN(role, varchar<10>, not_null, default_("member"));
    RETORT_TABLE_ARGS(primary_key(self.user_id, self.group_name));
};
inline constexpr memberships_table memberships;

// No primary key at all: an INSERT has no key to report.
struct log_lines_table : table<log_lines_table, "log_lines"> {
    RETORT_COLUMN(line, text, not_null);
};
inline constexpr log_lines_table log_lines;

// A text primary key: PostgreSQL and SQLite both report it with RETURNING.
struct tags_table : table<tags_table, "tags"> {
    RETORT_COLUMN(name, varchar<30>, primary_key);
    RETORT_COLUMN(uses, integer, not_null);
};
inline constexpr tags_table tags;

}  // namespace retort::test_schema
