#pragma once
// One column as a migration operation states it and as the inspector reads it back:
//   column_def{"age", integer{}}                                   // nullable
//   column_def{"status", varchar<20>{}}.not_null().server_default("'active'")
//   column_def{"id", integer{}}.not_null().autoincrement()          // SERIAL / INTEGER PRIMARY KEY
// server_default is SQL text, spliced into DDL as is (quote string literals yourself).
#include <string>
#include <utility>

#include <retort/migrate/column_type.hpp>

namespace retort::migrate {

struct column_def {
    std::string name;
    column_type type;
    bool nullable = true;
    std::string default_sql;  // empty: no DEFAULT
    bool identity = false;    // an autoincrement key: identity column / SQLite rowid alias

    column_def() = default;
    column_def(std::string column_name, column_type column_sql_type)
        : name(std::move(column_name)), type(std::move(column_sql_type)) {}

    column_def& not_null() & { nullable = false; return *this; }
    column_def&& not_null() && { nullable = false; return std::move(*this); }
    column_def& server_default(std::string sql) & { default_sql = std::move(sql); return *this; }
    column_def&& server_default(std::string sql) && { default_sql = std::move(sql); return std::move(*this); }
    column_def& autoincrement() & { identity = true; nullable = false; return *this; }
    column_def&& autoincrement() && { identity = true; nullable = false; return std::move(*this); }

    friend bool operator==(const column_def&, const column_def&) = default;
};

}  // namespace retort::migrate
