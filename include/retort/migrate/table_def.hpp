#pragma once
// A table at run time: columns, keys, constraints and indexes. What create_table takes,
// what inspect() returns for each table and what autogenerate compares.
#include <string>
#include <vector>

#include <retort/migrate/column_def.hpp>
#include <retort/schema/constraints.hpp>

namespace retort::migrate {

struct foreign_key_def {
    std::string name;  // empty: the database names it
    std::vector<std::string> columns;
    std::string referred_table;
    std::vector<std::string> referred_columns;
    fk_action on_delete = fk_action::no_action;
    fk_action on_update = fk_action::no_action;
    friend bool operator==(const foreign_key_def&, const foreign_key_def&) = default;
};

struct unique_def {
    std::string name;  // empty: the database names it
    std::vector<std::string> columns;
    friend bool operator==(const unique_def&, const unique_def&) = default;
};

struct check_def {
    std::string name;  // empty: the database names it
    std::string condition_sql;
    friend bool operator==(const check_def&, const check_def&) = default;
};

struct index_def {
    std::string name;
    std::vector<std::string> columns;
    bool unique = false;
    std::string where_sql;  // a partial index's condition; empty: the whole table
    friend bool operator==(const index_def&, const index_def&) = default;
};

struct table_def {
    std::string name;
    std::vector<column_def> columns;
    std::vector<std::string> primary_key;
    std::vector<foreign_key_def> foreign_keys;
    std::vector<unique_def> unique_constraints;
    std::vector<check_def> checks;
    std::vector<index_def> indexes;

    const column_def* column(const std::string& column_name) const {
        for (const auto& c : columns)
            if (c.name == column_name) return &c;
        return nullptr;
    }
    column_def* column(const std::string& column_name) {
        for (auto& c : columns)
            if (c.name == column_name) return &c;
        return nullptr;
    }
};

// The tables of a database, or of a program's metadata, in creation order.
using schema = std::vector<table_def>;

}  // namespace retort::migrate
