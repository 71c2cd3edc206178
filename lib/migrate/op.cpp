// Migration operations: SQL per dialect, and the schema they leave, kept so that SQLite's
// table rebuilds (and offline SQL) know each table's full shape.
#include <retort/migrate/op.hpp>

#include <algorithm>
#include <charconv>

#include <retort/engine/engine.hpp>
#include <retort/migrate/inspector.hpp>
#include <retort/migrate/migration_error.hpp>

#include "ddl_text.hpp"
#include "query.hpp"

namespace retort::migrate {

using detail::quote;

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
    for (auto& n : names)
        if (n == from) n = to;
}

// What goes with a dropped column: constraints and indexes naming it.
void forget_column(table_def& table, const std::string& column) {
    std::erase_if(table.columns, [&](const column_def& c) { return c.name == column; });
    if (contains(table.primary_key, column)) table.primary_key.clear();
    std::erase_if(table.unique_constraints, [&](const unique_def& u) { return contains(u.columns, column); });
    std::erase_if(table.foreign_keys, [&](const foreign_key_def& f) { return contains(f.columns, column); });
    std::erase_if(table.indexes, [&](const index_def& i) { return contains(i.columns, column); });
}

std::string literal(const sql_value& value, dialect_kind dialect) {
    struct visitor {
        dialect_kind dialect;
        std::string operator()(std::nullptr_t) const { return "NULL"; }
        std::string operator()(std::int64_t v) const { return std::to_string(v); }
        std::string operator()(double v) const {
            char buffer[64];
            auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
            return std::string(buffer, end);
        }
        std::string operator()(bool v) const {
            return dialect == dialect_kind::postgresql ? (v ? "TRUE" : "FALSE") : (v ? "1" : "0");
        }
        std::string operator()(const std::string& v) const { return detail::string_literal(v); }
    };
    return std::visit(visitor{dialect}, value);
}

}  // namespace

op::op(connection& conn, schema current) : conn_(&conn), dialect_(conn.dialect()), schema_(std::move(current)) {}

op::op(dialect_kind dialect, schema current) : dialect_(dialect), schema_(std::move(current)) {}

table_def& op::find(const std::string& table) {
    for (auto& t : schema_)
        if (t.name == table) return t;
    throw migration_error("no table '" + table + "' in the schema this operation works on");
}

void op::emit(const std::string& sql) {
    statements_.push_back(sql);
    if (conn_) conn_->exec_driver_sql(sql);
}

void op::create_table(table_def table) {
    emit(detail::create_table_sql(dialect_, table));
    for (const auto& index : table.indexes) emit(detail::create_index_sql(table.name, index));
    std::erase_if(schema_, [&](const table_def& t) { return t.name == table.name; });
    schema_.push_back(std::move(table));
}

void op::drop_table(const std::string& table) {
    emit("DROP TABLE " + quote(table));
    std::erase_if(schema_, [&](const table_def& t) { return t.name == table; });
}

void op::rename_table(const std::string& table, const std::string& new_name) {
    find(table).name = new_name;
    emit("ALTER TABLE " + quote(table) + " RENAME TO " + quote(new_name));
    for (auto& t : schema_)
        for (auto& fk : t.foreign_keys)
            if (fk.referred_table == table) fk.referred_table = new_name;
}

void op::add_column(const std::string& table, column_def column) {
    table_def& t = find(table);
    std::string sql = "ALTER TABLE " + quote(table) + " ADD COLUMN " + detail::column_sql(dialect_, column);
    if (dialect_ == dialect_kind::sqlite && column.type.type_kind() == column_type::kind::varchar)
        sql += ' ' + detail::varchar_check_sql(table, column);
    emit(sql);
    t.columns.push_back(std::move(column));
}

void op::drop_column(const std::string& table, const std::string& column) {
    table_def rebuilt = find(table);
    if (!rebuilt.column(column)) throw migration_error("no column '" + column + "' in table '" + table + "'");
    forget_column(rebuilt, column);
    if (dialect_ == dialect_kind::postgresql) {
        emit("ALTER TABLE " + quote(table) + " DROP COLUMN " + quote(column));
        find(table) = std::move(rebuilt);
        return;
    }
    std::vector<std::string> sources;
    for (const auto& c : rebuilt.columns) sources.push_back(c.name);
    rebuild(table, std::move(rebuilt), sources);
}

void op::alter_column(const std::string& table, const std::string& column, alter_column_options change) {
    table_def rebuilt = find(table);
    column_def* def = rebuilt.column(column);
    if (!def) throw migration_error("no column '" + column + "' in table '" + table + "'");
    if (change.type) def->type = *change.type;
    if (change.nullable) def->nullable = *change.nullable;
    if (change.server_default) def->default_sql = *change.server_default;
    const std::string new_name = change.new_name.value_or(column);
    if (new_name != column) {
        def->name = new_name;
        rename_in(rebuilt.primary_key, column, new_name);
        for (auto& u : rebuilt.unique_constraints) rename_in(u.columns, column, new_name);
        for (auto& f : rebuilt.foreign_keys) rename_in(f.columns, column, new_name);
        for (auto& i : rebuilt.indexes) rename_in(i.columns, column, new_name);
    }
    const bool only_rename = !change.type && !change.nullable && !change.server_default;
    const std::string target = "ALTER TABLE " + quote(table) + " ";
    if (dialect_ == dialect_kind::postgresql || only_rename) {
        if (change.type) {
            const std::string type = change.type->render(dialect_);
            emit(target + "ALTER COLUMN " + quote(column) + " TYPE " + type + " USING " + quote(column) + "::" + type);
        }
        if (change.nullable)
            emit(target + "ALTER COLUMN " + quote(column) + (*change.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
        if (change.server_default)
            emit(target + "ALTER COLUMN " + quote(column) +
                 (change.server_default->empty() ? " DROP DEFAULT" : " SET DEFAULT " + *change.server_default));
        if (new_name != column) emit(target + "RENAME COLUMN " + quote(column) + " TO " + quote(new_name));
        find(table) = std::move(rebuilt);
    } else {
        std::vector<std::string> sources;
        for (const auto& c : rebuilt.columns) sources.push_back(c.name == new_name ? column : c.name);
        rebuild(table, std::move(rebuilt), sources);
    }
    if (new_name != column)
        for (auto& t : schema_)
            for (auto& fk : t.foreign_keys)
                if (fk.referred_table == table) rename_in(fk.referred_columns, column, new_name);
}

void op::create_index(const std::string& table, index_def index) {
    table_def& t = find(table);
    emit(detail::create_index_sql(table, index));
    t.indexes.push_back(std::move(index));
}

void op::drop_index(const std::string& table, const std::string& index) {
    emit("DROP INDEX " + quote(index));
    std::erase_if(find(table).indexes, [&](const index_def& i) { return i.name == index; });
}

void op::create_foreign_key(const std::string& table, foreign_key_def key) {
    if (key.name.empty()) throw migration_error("create_foreign_key on '" + table + "' needs a constraint name");
    if (dialect_ == dialect_kind::postgresql) {
        emit("ALTER TABLE " + quote(table) + " ADD " + detail::foreign_key_sql(key));
        find(table).foreign_keys.push_back(std::move(key));
        return;
    }
    table_def rebuilt = find(table);
    rebuilt.foreign_keys.push_back(std::move(key));
    std::vector<std::string> sources;
    for (const auto& c : rebuilt.columns) sources.push_back(c.name);
    rebuild(table, std::move(rebuilt), sources);
}

void op::create_unique_constraint(const std::string& table, unique_def constraint) {
    if (constraint.name.empty()) throw migration_error("create_unique_constraint on '" + table + "' needs a name");
    if (dialect_ == dialect_kind::postgresql) {
        emit("ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(constraint.name) + " UNIQUE (" +
             detail::quote_list(constraint.columns) + ')');
        find(table).unique_constraints.push_back(std::move(constraint));
        return;
    }
    table_def rebuilt = find(table);
    rebuilt.unique_constraints.push_back(std::move(constraint));
    std::vector<std::string> sources;
    for (const auto& c : rebuilt.columns) sources.push_back(c.name);
    rebuild(table, std::move(rebuilt), sources);
}

void op::create_check_constraint(const std::string& table, check_def constraint) {
    if (constraint.name.empty()) throw migration_error("create_check_constraint on '" + table + "' needs a name");
    if (dialect_ == dialect_kind::postgresql) {
        emit("ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(constraint.name) + " CHECK (" +
             constraint.condition_sql + ')');
        find(table).checks.push_back(std::move(constraint));
        return;
    }
    table_def rebuilt = find(table);
    rebuilt.checks.push_back(std::move(constraint));
    std::vector<std::string> sources;
    for (const auto& c : rebuilt.columns) sources.push_back(c.name);
    rebuild(table, std::move(rebuilt), sources);
}

void op::drop_constraint(const std::string& table, const std::string& name) {
    table_def rebuilt = find(table);
    const auto before = rebuilt.foreign_keys.size() + rebuilt.unique_constraints.size() + rebuilt.checks.size();
    std::erase_if(rebuilt.foreign_keys, [&](const auto& c) { return c.name == name; });
    std::erase_if(rebuilt.unique_constraints, [&](const auto& c) { return c.name == name; });
    std::erase_if(rebuilt.checks, [&](const auto& c) { return c.name == name; });
    if (before == rebuilt.foreign_keys.size() + rebuilt.unique_constraints.size() + rebuilt.checks.size())
        throw migration_error("no constraint '" + name + "' on table '" + table + "'");
    if (dialect_ == dialect_kind::postgresql) {
        emit("ALTER TABLE " + quote(table) + " DROP CONSTRAINT " + quote(name));
        find(table) = std::move(rebuilt);
        return;
    }
    std::vector<std::string> sources;
    for (const auto& c : rebuilt.columns) sources.push_back(c.name);
    rebuild(table, std::move(rebuilt), sources);
}

void op::execute(const std::string& sql) {
    emit(sql);
    if (conn_) schema_ = inspect(*conn_);
}

void op::bulk_insert(const std::string& table, const std::vector<std::string>& columns,
                     const std::vector<std::vector<sql_value>>& rows) {
    const std::string head = "INSERT INTO " + quote(table) + " (" + detail::quote_list(columns) + ") VALUES (";
    if (!conn_) {
        for (const auto& row : rows) {
            std::string sql = head;
            for (std::size_t i = 0; i < row.size(); ++i) sql += (i ? ", " : "") + literal(row[i], dialect_);
            statements_.push_back(sql + ')');
        }
        return;
    }
    std::string sql = head;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) sql += ", ";
        sql += dialect_ == dialect_kind::postgresql ? "$" + std::to_string(i + 1) : std::string("?");
    }
    sql += ')';
    for (const auto& row : rows) {
        if (row.size() != columns.size())
            throw migration_error("bulk_insert into '" + table + "': a row has " + std::to_string(row.size()) +
                                  " values for " + std::to_string(columns.size()) + " columns");
        auto statement = conn_->prepare(driver::uncached, sql);
        for (std::size_t i = 0; i < row.size(); ++i) {
            const int at = static_cast<int>(i);
            std::visit(
                [&](const auto& v) {
                    using V = std::remove_cvref_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, std::nullptr_t>) statement->bind_null(at);
                    else if constexpr (std::is_same_v<V, std::int64_t>) statement->bind_int(at, v);
                    else if constexpr (std::is_same_v<V, double>) statement->bind_double(at, v);
                    else if constexpr (std::is_same_v<V, bool>) statement->bind_bool(at, v);
                    else statement->bind_text(at, v);
                },
                row[i]);
        }
        conn_->run(*statement, sql, [&] {
            std::vector<std::string> text;
            for (const auto& v : row) text.push_back(literal(v, dialect_));
            return text;
        });
        statements_.push_back(sql);
    }
}

// SQLite's ALTER TABLE cannot drop or change a column's type, nullability or default, nor add
// or drop a constraint: build the table anew beside the old one and move the rows over.
// (The migration runner turns foreign key enforcement off around the transaction, as SQLite's
// documentation prescribes for this, and checks the foreign keys before the version update.)
void op::rebuild(const std::string& table, table_def rebuilt, const std::vector<std::string>& sources) {
    if (conn_) {
        const auto enforced = detail::query_rows(*conn_, "PRAGMA foreign_keys");
        if (!enforced.empty() && enforced.front()[0] == "1")
            throw migration_error("rebuilding SQLite table '" + table +
                                  "' needs PRAGMA foreign_keys = OFF before the transaction (the migration "
                                  "commands set it); with it on, DROP TABLE would run foreign key actions");
    }
    const std::string temporary = "_retort_batch_" + table;
    emit(detail::create_table_sql(dialect_, rebuilt, temporary));
    std::string targets, selected;
    for (std::size_t i = 0; i < rebuilt.columns.size(); ++i) {
        if (sources[i].empty()) continue;
        if (!targets.empty()) {
            targets += ", ";
            selected += ", ";
        }
        targets += quote(rebuilt.columns[i].name);
        selected += quote(sources[i]);
    }
    emit("INSERT INTO " + quote(temporary) + " (" + targets + ") SELECT " + selected + " FROM " + quote(table));
    emit("DROP TABLE " + quote(table));
    emit("ALTER TABLE " + quote(temporary) + " RENAME TO " + quote(table));
    for (const auto& index : rebuilt.indexes) emit(detail::create_index_sql(table, index));
    const std::string check = "PRAGMA foreign_key_check";  // every table: the rebuilt one may be a parent
    statements_.push_back(check);
    if (conn_) {
        const auto violations = detail::query_rows(*conn_, check);
        if (!violations.empty())
            throw foreign_key_violation("rebuilding table '" + table + "' left " + std::to_string(violations.size()) +
                                            " row(s) whose foreign key finds no row in '" +
                                            violations.front()[2].value_or("?") + "'",
                                        check);
    }
    find(table) = std::move(rebuilt);
}

}  // namespace retort::migrate
