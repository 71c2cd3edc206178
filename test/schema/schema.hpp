#pragma once
// Tables for the DDL tests: every column and table constraint, foreign keys with actions,
// database-side defaults. users and posts come from the render tests' schema.
#include <retort/dsl.hpp>

#include "render/schema.hpp"

namespace retort::test_schema {

struct teams_table : table<teams_table, "teams"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(name, varchar<40>, not_null, unique, index);
    RETORT_COLUMN(created_at, timestamp, not_null, server_default(current_timestamp));
    RETORT_COLUMN(plan, text, not_null, server_default("free"));
    RETORT_COLUMN(seats, integer, not_null, server_default(5));
    RETORT_COLUMN(discount, double_precision, server_default(0.25));
    RETORT_COLUMN(active, boolean, not_null, server_default(true));
    RETORT_COLUMN(code, text, server_default(raw_sql("upper('new')")));
    RETORT_TABLE_ARGS(check(self.seats >= 1 && self.seats <= 500 && self.plan.in_("free", "pro", "it's complicated")),
                      index_on<"ix_teams_plan_seats">(self.plan, self.seats),
                      unique_index_on<"ux_teams_code">(self.code));
};
inline constexpr teams_table teams;

// A composite primary key and a composite unique constraint, at table level.
struct members_table : table<members_table, "members"> {
    RETORT_COLUMN(user_id, integer, not_null, references(users.id, {.on_delete = fk_action::cascade}));
    RETORT_COLUMN(team_id, integer, not_null,
                  references(teams.id, {.on_delete = fk_action::restrict, .on_update = fk_action::cascade}));
    RETORT_COLUMN(seat, integer, not_null);
    RETORT_COLUMN(role, varchar<10>, not_null, server_default("member"));
    RETORT_TABLE_ARGS(primary_key(self.user_id, self.team_id), unique(self.team_id, self.seat));
};
inline constexpr members_table members;

struct comments_table : table<comments_table, "comments"> {
    RETORT_COLUMN(id, bigint, primary_key);
    RETORT_COLUMN(post_id, integer, not_null, references(posts.id, {.on_delete = fk_action::cascade}));
    RETORT_COLUMN(author_id, integer, references(users.id, {.on_delete = fk_action::set_null}));
    RETORT_COLUMN(body, text, not_null);
};
inline constexpr comments_table comments;

}  // namespace retort::test_schema
