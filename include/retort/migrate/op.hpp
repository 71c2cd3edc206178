#pragma once
// The operations a revision's upgrade() and downgrade() call, Alembic's `op`: dialect-neutral,
// rendered for the database they run on (identifiers quoted by the dialect).
//   void upgrade(op& op) {
//       op.add_column("users", column_def{"status", varchar<20>{}}.not_null().server_default("'active'"));
//       op.create_index("users", {.name = "ix_users_status", .columns = {"status"}});
//   }
// SQLite cannot ALTER most of a table: there, drop_column, alter_column (beyond a rename) and
// adding or dropping constraints rebuild the table inside the revision's transaction (create
// the new table, copy every row, drop the old one, rename, recreate its indexes) and check
// its foreign keys after (PRAGMA foreign_key_check): Alembic's batch mode, always on.
//
// Online, each operation runs on the migration's connection; offline (--sql) it appends its
// SQL to a list and touches nothing. Either way `statements()` is everything it produced.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <retort/migrate/table_def.hpp>
#include <retort/render/dialect.hpp>

namespace retort {
class connection;
}

namespace retort::migrate {

// A value of bulk_insert(): bound as a parameter online, a literal offline.
using sql_value = std::variant<std::nullptr_t, std::int64_t, double, bool, std::string>;

struct alter_column_options {
    std::optional<column_type> type;
    std::optional<bool> nullable;
    std::optional<std::string> server_default;  // SQL text; "" drops the default
    std::optional<std::string> new_name;
};

class op {
public:
    // Online: operations run on `conn` (inside the transaction the caller opened).
    op(connection& conn, schema current);
    // Offline: operations append their SQL to statements() for `dialect`.
    op(dialect_kind dialect, schema current);

    dialect_kind dialect() const noexcept { return dialect_; }
    bool offline() const noexcept { return conn_ == nullptr; }
    // The schema as the operations so far left it.
    const schema& current_schema() const noexcept { return schema_; }
    // Every statement run (online) or to run (offline), in order.
    const std::vector<std::string>& statements() const noexcept { return statements_; }

    void create_table(table_def table);
    void drop_table(const std::string& table);
    void rename_table(const std::string& table, const std::string& new_name);

    void add_column(const std::string& table, column_def column);
    void drop_column(const std::string& table, const std::string& column);
    void alter_column(const std::string& table, const std::string& column, alter_column_options change);

    void create_index(const std::string& table, index_def index);
    void drop_index(const std::string& table, const std::string& index);

    void create_foreign_key(const std::string& table, foreign_key_def key);
    void create_unique_constraint(const std::string& table, unique_def constraint);
    void create_check_constraint(const std::string& table, check_def constraint);
    // A named foreign key, unique or check constraint.
    void drop_constraint(const std::string& table, const std::string& name);

    // SQL for anything else. Online, the schema is read again after it.
    void execute(const std::string& sql);
    // Seed rows: one INSERT per row, values bound as parameters (literals offline).
    void bulk_insert(const std::string& table, const std::vector<std::string>& columns,
                     const std::vector<std::vector<sql_value>>& rows);

private:
    table_def& find(const std::string& table);
    void emit(const std::string& sql);
    // SQLite: rebuild `table` as `rebuilt`; `sources[i]` is the old column the new column i is
    // copied from (empty: none, it takes its default).
    void rebuild(const std::string& table, table_def rebuilt, const std::vector<std::string>& sources);

    connection* conn_ = nullptr;
    dialect_kind dialect_;
    schema schema_;
    std::vector<std::string> statements_;
};

}  // namespace retort::migrate
