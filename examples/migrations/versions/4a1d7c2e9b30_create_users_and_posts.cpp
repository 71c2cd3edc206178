// create users and posts
//
// Revision ID: 4a1d7c2e9b30
// Revises: <base>
// Create Date: 2026-12-01 12:00:00
#include <retort/migrate/revision_file.hpp>

namespace {

using namespace retort;
using namespace retort::migrate;

void upgrade([[maybe_unused]] op& op) {
    op.create_table({.name = "users",
                     .columns = {
                         column_def{"id", integer{}}.autoincrement(),
                         column_def{"username", varchar<50>{}}.not_null(),
                         column_def{"email", varchar<100>{}}.not_null(),
                         column_def{"age", integer{}}},
                     .primary_key = {"id"},
                     .foreign_keys = {},
                     .unique_constraints = {
                         {.name = "", .columns = {"username"}}},
                     .checks = {},
                     .indexes = {}});
    op.create_table({.name = "posts",
                     .columns = {
                         column_def{"id", integer{}}.autoincrement(),
                         column_def{"title", varchar<200>{}}.not_null(),
                         column_def{"content", text{}}.not_null(),
                         column_def{"user_id", integer{}}.not_null()},
                     .primary_key = {"id"},
                     .foreign_keys = {
                         {.name = "", .columns = {"user_id"}, .referred_table = "users", .referred_columns = {"id"}, .on_delete = fk_action::no_action, .on_update = fk_action::no_action}},
                     .unique_constraints = {},
                     .checks = {},
                     .indexes = {}});
}

void downgrade([[maybe_unused]] op& op) {
    op.drop_table("posts");
    op.drop_table("users");
}

[[maybe_unused]] const register_revision registration{{.id = "4a1d7c2e9b30",
                                                     .down_revisions = {},
                                                     .message = "create users and posts",
                                                     .created = "2026-12-01 12:00:00",
                                                     .upgrade = upgrade,
                                                     .downgrade = downgrade}};

}  // namespace
