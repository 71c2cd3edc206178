#pragma once
// Autogenerate: the operations that take a database (as inspected) to a program's metadata,
// as the C++ of a revision's upgrade() and downgrade(). Renames are never guessed: a renamed
// column is a drop and an add, marked destructive for the user to edit.
#include <string>
#include <vector>

#include <retort/migrate/table_def.hpp>
#include <retort/render/dialect.hpp>

namespace retort::migrate::detail {

struct schema_change {
    std::string description;  // one line: "add column users.status"
    bool destructive = false;
    std::string upgrade;    // C++ statements for upgrade(op&)
    std::string downgrade;  // C++ statements undoing them, for downgrade(op&)
};

// From `database` to `target` (tables in creation order); the version table is left out.
std::vector<schema_change> compare(const schema& target, const schema& database, dialect_kind dialect);

std::string cpp_string(const std::string& text);

}  // namespace retort::migrate::detail
