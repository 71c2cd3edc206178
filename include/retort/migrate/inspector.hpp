#pragma once
// SQLAlchemy's inspect(engine): what a database holds, read from its catalog (PostgreSQL:
// pg_catalog in the current schema; SQLite: pragma table_xinfo, foreign_key_list,
// index_list, index_info, and the table's CREATE text for named and CHECK constraints).
// Types come back as retort's SQL types (column_type::raw for any other).
//   for (const auto& table : migrate::inspect(engine)) std::cout << table.name << '\n';
#include <optional>
#include <string>
#include <vector>

#include <retort/migrate/table_def.hpp>

namespace retort {
class connection;
class engine;
}  // namespace retort

namespace retort::migrate {

std::vector<std::string> table_names(connection& conn);
// nullopt when there is no such table.
std::optional<table_def> inspect_table(connection& conn, const std::string& table);
// Every table, by name.
schema inspect(connection& conn);
schema inspect(engine& engine);

}  // namespace retort::migrate
