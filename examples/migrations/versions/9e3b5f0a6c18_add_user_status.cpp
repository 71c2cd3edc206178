// add user status
//
// Revision ID: 9e3b5f0a6c18
// Revises: 4a1d7c2e9b30
// Create Date: 2026-12-01 12:05:00
#include <retort/migrate/revision_file.hpp>

namespace {

using namespace retort;
using namespace retort::migrate;

void upgrade([[maybe_unused]] op& op) {
    // existing users get the server default
    op.add_column("users", column_def{"status", varchar<20>{}}.not_null().server_default("'active'"));
    op.create_index("users", {.name = "ix_users_status", .columns = {"status"}, .unique = false, .where_sql = ""});
}

void downgrade([[maybe_unused]] op& op) {
    op.drop_index("users", "ix_users_status");
    op.drop_column("users", "status");
}

[[maybe_unused]] const register_revision registration{{.id = "9e3b5f0a6c18",
                                                     .down_revisions = {"4a1d7c2e9b30"},
                                                     .message = "add user status",
                                                     .created = "2026-12-01 12:05:00",
                                                     .upgrade = upgrade,
                                                     .downgrade = downgrade}};

}  // namespace
