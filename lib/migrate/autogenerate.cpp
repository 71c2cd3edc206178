// Comparing metadata with a database, as Alembic's autogenerate/compare.py does: tables,
// columns (type, nullability, server default), unique constraints, foreign keys, indexes.
// CHECK constraints and primary keys are not compared (catalogs reword them).
#include "autogenerate.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <retort/migrate/command.hpp>

namespace retort::migrate::detail {

std::string cpp_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + '"';
}

namespace {

std::string cpp_list(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + cpp_string(items[i]);
    return out + "}";
}

std::string cpp_action(fk_action a) {
    switch (a) {
        case fk_action::restrict: return "fk_action::restrict";
        case fk_action::cascade: return "fk_action::cascade";
        case fk_action::set_null: return "fk_action::set_null";
        case fk_action::set_default: return "fk_action::set_default";
        case fk_action::no_action: break;
    }
    return "fk_action::no_action";
}

std::string cpp_column(const column_def& c) {
    std::string out = "column_def{" + cpp_string(c.name) + ", " + c.type.cpp() + "}";
    if (c.identity) out += ".autoincrement()";
    else if (!c.nullable) out += ".not_null()";
    if (!c.default_sql.empty()) out += ".server_default(" + cpp_string(c.default_sql) + ")";
    return out;
}

std::string cpp_foreign_key(const foreign_key_def& k) {
    return "{.name = " + cpp_string(k.name) + ", .columns = " + cpp_list(k.columns) +
           ", .referred_table = " + cpp_string(k.referred_table) + ", .referred_columns = " + cpp_list(k.referred_columns) +
           ", .on_delete = " + cpp_action(k.on_delete) + ", .on_update = " + cpp_action(k.on_update) + "}";
}

std::string cpp_unique(const unique_def& u) {
    return "{.name = " + cpp_string(u.name) + ", .columns = " + cpp_list(u.columns) + "}";
}

std::string cpp_index(const index_def& i) {
    return "{.name = " + cpp_string(i.name) + ", .columns = " + cpp_list(i.columns) +
           ", .unique = " + (i.unique ? "true" : "false") + ", .where_sql = " + cpp_string(i.where_sql) + "}";
}

template <class T, class F>
std::string cpp_items(const std::vector<T>& items, F&& item, const char* indent) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) out += std::string(i ? ",\n" : "\n") + indent + item(items[i]);
    return out + "}";
}

std::string cpp_create_table(const table_def& t) {
    const char* indent = "                     ";
    std::string out = "    op.create_table({.name = " + cpp_string(t.name) + ",\n";
    out += "                     .columns = " + cpp_items(t.columns, cpp_column, "                         ") + ",\n";
    out += std::string(indent) + ".primary_key = " + cpp_list(t.primary_key) + ",\n";
    out += std::string(indent) + ".foreign_keys = " + cpp_items(t.foreign_keys, cpp_foreign_key, "                         ") + ",\n";
    out += std::string(indent) + ".unique_constraints = " + cpp_items(t.unique_constraints, cpp_unique, "                         ") + ",\n";
    out += std::string(indent) + ".checks = " +
           cpp_items(t.checks, [](const check_def& c) {
               return "{.name = " + cpp_string(c.name) + ", .condition_sql = " + cpp_string(c.condition_sql) + "}";
           }, "                         ") + ",\n";
    out += std::string(indent) + ".indexes = " + cpp_items(t.indexes, cpp_index, "                         ") + "});\n";
    return out;
}

const table_def* find_table(const schema& s, const std::string& name) {
    for (const auto& t : s)
        if (t.name == name) return &t;
    return nullptr;
}

// PostgreSQL's casts in a default it gives back ('x'::character varying, 'UTC'::text), outside
// string literals.
std::string without_casts(const std::string& text) {
    static constexpr std::string_view continuations[] = {"varying", "precision", "without", "with", "time", "zone"};
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\'') quoted = !quoted;
        if (quoted || text.compare(i, 2, "::") != 0) {
            out += text[i];
            continue;
        }
        std::size_t j = i + 2;
        auto word_end = [&](std::size_t from) {
            while (from < text.size() && (std::isalnum(static_cast<unsigned char>(text[from])) || text[from] == '_')) ++from;
            return from;
        };
        j = word_end(j);
        while (j < text.size() && text[j] == ' ') {
            const std::size_t next = word_end(j + 1);
            const std::string_view word(text.data() + j + 1, next - j - 1);
            if (std::find(std::begin(continuations), std::end(continuations), word) == std::end(continuations)) break;
            j = next;
        }
        if (j < text.size() && text[j] == '(') j = text.find(')', j) + 1;
        if (text.compare(j, 2, "[]") == 0) j += 2;
        i = j - 1;
    }
    return out;
}

// A default as catalogs give it back, comparable with the one metadata renders: no casts, no
// outer parentheses, keywords in lower case.
std::string normalize_default(const std::string& given) {
    std::string text = without_casts(given);
    for (bool changed = true; changed;) {
        changed = false;
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
        if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
            int depth = 0;
            bool wraps = true;
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (text[i] == '(') ++depth;
                if (text[i] == ')' && --depth == 0 && i + 1 != text.size()) wraps = false;
            }
            if (wraps) {
                text = text.substr(1, text.size() - 2);
                changed = true;
            }
        }
    }
    bool quoted = false;
    for (char& c : text) {
        if (c == '\'') quoted = !quoted;
        if (!quoted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string alter_options(const column_def& to, bool type, bool nullable, bool server_default) {
    return std::string("{.type = ") + (type ? "column_type{" + to.type.cpp() + "}" : "std::nullopt") +
           ", .nullable = " + (nullable ? (to.nullable ? "true" : "false") : "std::nullopt") +
           ", .server_default = " + (server_default ? cpp_string(to.default_sql) : "std::nullopt") +
           ", .new_name = std::nullopt}";
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : "_") + n;
    return out;
}

bool same_foreign_key(const foreign_key_def& a, const foreign_key_def& b) {
    return a.columns == b.columns && a.referred_table == b.referred_table && a.referred_columns == b.referred_columns &&
           a.on_delete == b.on_delete && a.on_update == b.on_update;
}

void compare_table(const table_def& want, const table_def& have, dialect_kind dialect, std::vector<schema_change>& out) {
    const std::string t = cpp_string(want.name);
    for (const auto& c : want.columns) {
        const column_def* old = have.column(c.name);
        if (!old) {
            out.push_back({"add column " + want.name + "." + c.name, false,
                           "    op.add_column(" + t + ", " + cpp_column(c) + ");\n",
                           "    op.drop_column(" + t + ", " + cpp_string(c.name) + ");\n"});
            continue;
        }
        // SQLite's rowid key is INTEGER whatever integer type metadata names
        const bool type_changed = !(dialect == dialect_kind::sqlite && c.identity && old->identity) &&
                                  c.type.render(dialect) != old->type.render(dialect);
        const bool null_changed = c.nullable != old->nullable;
        const bool default_changed = !c.identity && normalize_default(c.default_sql) != normalize_default(old->default_sql);
        if (!type_changed && !null_changed && !default_changed) continue;
        std::string what;
        if (type_changed) what += " type " + old->type.render(dialect) + " -> " + c.type.render(dialect);
        if (null_changed) what += c.nullable ? " nullable" : " not null";
        if (default_changed) what += " server default '" + old->default_sql + "' -> '" + c.default_sql + "'";
        const bool narrowing = type_changed && old->type.narrows_to(c.type);
        out.push_back({"alter column " + want.name + "." + c.name + ":" + what, narrowing,
                       "    op.alter_column(" + t + ", " + cpp_string(c.name) + ", " +
                           alter_options(c, type_changed, null_changed, default_changed) + ");\n",
                       "    op.alter_column(" + t + ", " + cpp_string(c.name) + ", " +
                           alter_options(*old, type_changed, null_changed, default_changed) + ");\n"});
    }
    for (const auto& old : have.columns)
        if (!want.column(old.name))
            out.push_back({"drop column " + have.name + "." + old.name, true,
                           "    op.drop_column(" + t + ", " + cpp_string(old.name) + ");\n",
                           "    op.add_column(" + t + ", " + cpp_column(old) + ");\n"});

    for (const auto& u : want.unique_constraints) {
        bool found = std::any_of(have.unique_constraints.begin(), have.unique_constraints.end(),
                                 [&](const unique_def& h) { return h.columns == u.columns; });
        if (found) continue;
        unique_def named = u;
        if (named.name.empty()) named.name = "uq_" + want.name + "_" + joined(u.columns);
        out.push_back({"add unique constraint " + named.name + " on " + want.name, false,
                       "    op.create_unique_constraint(" + t + ", " + cpp_unique(named) + ");\n",
                       "    op.drop_constraint(" + t + ", " + cpp_string(named.name) + ");\n"});
    }
    for (const auto& u : have.unique_constraints) {
        bool kept = std::any_of(want.unique_constraints.begin(), want.unique_constraints.end(),
                                [&](const unique_def& w) { return w.columns == u.columns; });
        if (kept) continue;
        if (u.name.empty())
            out.push_back({"unnamed unique constraint on " + have.name + " (" + joined(u.columns) +
                               ") is not in the metadata: it has no name to drop it by",
                           true, "    // unnamed unique constraint on " + have.name + " (" + joined(u.columns) + "): drop it by hand\n",
                           ""});
        else
            out.push_back({"drop unique constraint " + u.name + " on " + have.name, true,
                           "    op.drop_constraint(" + t + ", " + cpp_string(u.name) + ");\n",
                           "    op.create_unique_constraint(" + t + ", " + cpp_unique(u) + ");\n"});
    }
    for (const auto& k : want.foreign_keys) {
        bool found = std::any_of(have.foreign_keys.begin(), have.foreign_keys.end(),
                                 [&](const foreign_key_def& h) { return same_foreign_key(h, k); });
        if (found) continue;
        foreign_key_def named = k;
        if (named.name.empty()) named.name = "fk_" + want.name + "_" + joined(k.columns) + "_" + k.referred_table;
        out.push_back({"add foreign key " + named.name + " on " + want.name, false,
                       "    op.create_foreign_key(" + t + ", " + cpp_foreign_key(named) + ");\n",
                       "    op.drop_constraint(" + t + ", " + cpp_string(named.name) + ");\n"});
    }
    for (const auto& k : have.foreign_keys) {
        bool kept = std::any_of(want.foreign_keys.begin(), want.foreign_keys.end(),
                                [&](const foreign_key_def& w) { return same_foreign_key(w, k); });
        if (kept) continue;
        if (k.name.empty())
            out.push_back({"unnamed foreign key on " + have.name + " (" + joined(k.columns) +
                               ") is not in the metadata: it has no name to drop it by",
                           true, "    // unnamed foreign key on " + have.name + " (" + joined(k.columns) + "): drop it by hand\n",
                           ""});
        else
            out.push_back({"drop foreign key " + k.name + " on " + have.name, true,
                           "    op.drop_constraint(" + t + ", " + cpp_string(k.name) + ");\n",
                           "    op.create_foreign_key(" + t + ", " + cpp_foreign_key(k) + ");\n"});
    }
    for (const auto& i : want.indexes) {
        auto it = std::find_if(have.indexes.begin(), have.indexes.end(), [&](const index_def& h) { return h.name == i.name; });
        if (it != have.indexes.end() && it->columns == i.columns && it->unique == i.unique) continue;
        if (it != have.indexes.end())
            out.push_back({"drop index " + it->name + " on " + have.name + " (changed)", false,
                           "    op.drop_index(" + t + ", " + cpp_string(it->name) + ");\n",
                           "    op.create_index(" + t + ", " + cpp_index(*it) + ");\n"});
        out.push_back({"add index " + i.name + " on " + want.name, false,
                       "    op.create_index(" + t + ", " + cpp_index(i) + ");\n",
                       "    op.drop_index(" + t + ", " + cpp_string(i.name) + ");\n"});
    }
    for (const auto& i : have.indexes) {
        bool kept = std::any_of(want.indexes.begin(), want.indexes.end(), [&](const index_def& w) { return w.name == i.name; });
        if (!kept)
            out.push_back({"drop index " + i.name + " on " + have.name, false,
                           "    op.drop_index(" + t + ", " + cpp_string(i.name) + ");\n",
                           "    op.create_index(" + t + ", " + cpp_index(i) + ");\n"});
    }
}

// Tables to drop, those referencing others first.
std::vector<const table_def*> drop_order(const std::vector<const table_def*>& tables) {
    std::vector<const table_def*> out;
    std::vector<char> placed(tables.size(), 0);
    auto referenced_by_unplaced = [&](std::size_t i) {
        for (std::size_t j = 0; j < tables.size(); ++j)
            if (j != i && !placed[j])
                for (const auto& fk : tables[j]->foreign_keys)
                    if (fk.referred_table == tables[i]->name) return true;
        return false;
    };
    while (out.size() < tables.size()) {
        std::size_t pick = tables.size();
        for (std::size_t i = 0; i < tables.size() && pick == tables.size(); ++i)
            if (!placed[i] && !referenced_by_unplaced(i)) pick = i;
        if (pick == tables.size())  // a cycle: any order (PostgreSQL then needs CASCADE by hand)
            for (std::size_t i = 0; i < tables.size() && pick == tables.size(); ++i)
                if (!placed[i]) pick = i;
        placed[pick] = 1;
        out.push_back(tables[pick]);
    }
    return out;
}

}  // namespace

std::vector<schema_change> compare(const schema& target, const schema& database, dialect_kind dialect) {
    std::vector<schema_change> out;
    for (const auto& want : target) {
        const table_def* have = find_table(database, want.name);
        if (!have) {
            out.push_back({"add table " + want.name, false, cpp_create_table(want),
                           "    op.drop_table(" + cpp_string(want.name) + ");\n"});
            continue;
        }
        compare_table(want, *have, dialect, out);
    }
    std::vector<const table_def*> removed;
    for (const auto& have : database)
        if (have.name != version_table && !find_table(target, have.name)) removed.push_back(&have);
    for (const auto* have : drop_order(removed))
        out.push_back({"drop table " + have->name, true, "    op.drop_table(" + cpp_string(have->name) + ");\n",
                       cpp_create_table(*have)});
    return out;
}

}  // namespace retort::migrate::detail
