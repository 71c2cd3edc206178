// Reading a database's tables back as table_def: PostgreSQL from pg_catalog, SQLite from its
// pragmas and (for constraint names and CHECKs, which no pragma lists) the CREATE TABLE text.
#include <retort/migrate/inspector.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include <retort/engine/engine.hpp>

#include "query.hpp"

namespace retort::migrate {

namespace {

using detail::query_rows;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

bool starts_with_word(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(text[i])) != word[i]) return false;
    return text.size() == word.size() || !(std::isalnum(static_cast<unsigned char>(text[word.size()])) || text[word.size()] == '_');
}

// "(50)" or "(10, 2)" after a type name: the numbers.
std::vector<int> type_arguments(std::string_view text) {
    std::vector<int> out;
    auto open = text.find('(');
    if (open == std::string_view::npos) return out;
    const char* p = text.data() + open + 1;
    const char* end = text.data() + text.size();
    while (p < end) {
        while (p < end && (*p == ' ' || *p == ',')) ++p;
        int value = 0;
        auto [next, ec] = std::from_chars(p, end, value);
        if (ec != std::errc{}) break;
        out.push_back(value);
        p = next;
    }
    return out;
}

// A type as the catalog spells it (lower case), as retort's SQL type.
column_type type_from_catalog(std::string_view spelled) {
    const std::string t = lower(trim(spelled));
    const auto args = type_arguments(t);
    auto base = t.substr(0, t.find('('));
    base = trim(base);
    if (base == "integer" || base == "int" || base == "int4") return retort::integer{};
    if (base == "smallint" || base == "int2") return retort::smallint{};
    if (base == "bigint" || base == "int8") return retort::bigint{};
    if (base == "real" || base == "float4") return retort::real{};
    if (base == "double precision" || base == "float8") return retort::double_precision{};
    if (base == "boolean" || base == "bool") return retort::boolean{};
    if (base == "text") return retort::text{};
    if ((base == "character varying" || base == "varchar") && args.size() == 1)
        return column_type::varchar_of(static_cast<std::size_t>(args[0]));
    if ((base == "numeric" || base == "decimal") && !args.empty())
        return column_type::numeric_of(args[0], args.size() > 1 ? args[1] : 0);
    if (base == "date") return retort::date{};
    if (base == "time" || base == "time without time zone") return retort::time_of_day{};
    if (base == "timestamp" || base == "timestamp without time zone") return retort::timestamp{};
    if (base == "bytea" || base == "blob") return retort::blob{};
    if (base == "json") return retort::json{};
    return column_type::raw(std::string(trim(spelled)));
}

fk_action action_from_text(std::string_view text) {
    const std::string t = lower(text);
    if (t == "restrict" || t == "r") return fk_action::restrict;
    if (t == "cascade" || t == "c") return fk_action::cascade;
    if (t == "set null" || t == "n") return fk_action::set_null;
    if (t == "set default" || t == "d") return fk_action::set_default;
    return fk_action::no_action;
}

std::vector<std::string> split(const std::string& joined, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto end = joined.find(separator, start);
        out.push_back(joined.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

// --- PostgreSQL ---------------------------------------------------------------------------

constexpr std::string_view pg_table_filter =
    "c.relname = $1 AND c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')";

// Column names of an attribute-number array, joined by U+001F (names may hold commas).
std::string pg_attnames(std::string_view array, std::string_view relation) {
    return "(SELECT string_agg(a.attname, chr(31) ORDER BY k.ord) FROM unnest(" + std::string(array) +
           ") WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = " + std::string(relation) +
           " AND a.attnum = k.attnum)";
}

std::optional<table_def> inspect_postgresql(connection& conn, const std::string& name) {
    table_def table;
    table.name = name;
    const auto columns = query_rows(
        conn,
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
        "a.attidentity FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE " +
            std::string(pg_table_filter) + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        {name});
    if (columns.empty()) return std::nullopt;
    for (const auto& row : columns) {
        column_def column{*row[0], type_from_catalog(*row[1])};
        column.nullable = *row[2] != "t";
        column.default_sql = row[3].value_or("");
        column.identity = row[4] && !row[4]->empty();
        if (column.default_sql.starts_with("nextval(")) {  // SERIAL
            column.identity = true;
            column.default_sql.clear();
        }
        table.columns.push_back(std::move(column));
    }
    const auto constraints = query_rows(
        conn,
        "SELECT con.conname, con.contype, " + pg_attnames("con.conkey", "con.conrelid") + ", f.relname, " +
            pg_attnames("con.confkey", "con.confrelid") +
            ", con.confdeltype, con.confupdtype, pg_get_constraintdef(con.oid) FROM pg_constraint con "
            "JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_class f ON f.oid = con.confrelid WHERE " +
            std::string(pg_table_filter) + " ORDER BY con.conname",
        {name});
    for (const auto& row : constraints) {
        const std::string& kind = *row[1];
        auto cols = row[2] ? split(*row[2], '\x1f') : std::vector<std::string>{};
        if (kind == "p") {
            table.primary_key = std::move(cols);
        } else if (kind == "u") {
            table.unique_constraints.push_back({.name = *row[0], .columns = std::move(cols)});
        } else if (kind == "f") {
            table.foreign_keys.push_back({.name = *row[0],
                                          .columns = std::move(cols),
                                          .referred_table = row[3].value_or(""),
                                          .referred_columns = row[4] ? split(*row[4], '\x1f') : std::vector<std::string>{},
                                          .on_delete = action_from_text(row[5].value_or("a")),
                                          .on_update = action_from_text(row[6].value_or("a"))});
        } else if (kind == "c") {
            std::string def = row[7].value_or("");  // CHECK ((age >= 0))
            auto open = def.find('(');
            auto close = def.rfind(')');
            if (open != std::string::npos && close != std::string::npos && close > open)
                def = def.substr(open + 1, close - open - 1);
            table.checks.push_back({.name = *row[0], .condition_sql = std::move(def)});
        }
    }
    const auto indexes = query_rows(
        conn,
        "SELECT i.relname, ix.indisunique, " + pg_attnames("ix.indkey::int2[]", "ix.indrelid") +
            ", pg_get_expr(ix.indpred, ix.indrelid) FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid "
            "JOIN pg_class c ON c.oid = ix.indrelid WHERE " +
            std::string(pg_table_filter) +
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid AND k.contype IN "
            "('p', 'u', 'x')) AND 0 <> ALL (ix.indkey::int2[]) ORDER BY i.relname",
        {name});
    for (const auto& row : indexes)
        table.indexes.push_back({.name = *row[0],
                                 .columns = row[2] ? split(*row[2], '\x1f') : std::vector<std::string>{},
                                 .unique = *row[1] == "t",
                                 .where_sql = row[3].value_or("")});
    return table;
}

// --- SQLite -------------------------------------------------------------------------------

// One identifier at the start of `text` ("quoted", `quoted`, [quoted] or bare); `text` moves past it.
std::string take_identifier(std::string_view& text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    if (text.empty()) return {};
    const char open = text.front();
    if (open == '"' || open == '`' || open == '[') {
        const char close = open == '[' ? ']' : open;
        std::string out;
        std::size_t i = 1;
        for (; i < text.size(); ++i) {
            if (text[i] == close) {
                if (close != ']' && i + 1 < text.size() && text[i + 1] == close) {
                    out += close;
                    ++i;
                    continue;
                }
                break;
            }
            out += text[i];
        }
        text.remove_prefix(std::min(i + 1, text.size()));
        return out;
    }
    std::size_t i = 0;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
    std::string out(text.substr(0, i));
    text.remove_prefix(i);
    return out;
}

// The parts of a CREATE TABLE body split at top-level commas.
std::vector<std::string> table_body_parts(std::string_view create_sql) {
    std::vector<std::string> parts;
    auto open = create_sql.find('(');
    if (open == std::string_view::npos) return parts;
    int depth = 0;
    char quote = 0;
    std::string current;
    for (std::size_t i = open + 1; i < create_sql.size(); ++i) {
        const char c = create_sql[i];
        if (quote) {
            current += c;
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') quote = c;
        if (c == '(') ++depth;
        if (c == ')') {
            if (depth == 0) break;
            --depth;
        }
        if (c == ',' && depth == 0) {
            parts.push_back(trim(current));
            current.clear();
            continue;
        }
        current += c;
    }
    parts.push_back(trim(current));
    return parts;
}

// What is inside the parentheses that open `text`.
std::string parenthesized(std::string_view text) {
    auto open = text.find('(');
    if (open == std::string_view::npos) return {};
    int depth = 0;
    char quote = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') quote = c;
        else if (c == '(') ++depth;
        else if (c == ')' && --depth == 0) return std::string(text.substr(open + 1, i - open - 1));
    }
    return {};
}

std::vector<std::string> identifier_list(std::string_view text) {
    std::vector<std::string> out;
    std::string inside = parenthesized(text);
    std::string_view rest = inside;
    while (true) {
        auto name = take_identifier(rest);
        if (name.empty()) break;
        out.push_back(std::move(name));
        auto comma = rest.find(',');
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return out;
}

struct named_constraints {
    std::vector<std::pair<std::vector<std::string>, std::string>> unique;       // columns -> name
    std::vector<std::pair<std::vector<std::string>, std::string>> foreign_key;  // columns -> name
    std::vector<check_def> checks;
};

// SQLite keeps no catalog of constraint names or CHECKs: read them from the table's DDL.
named_constraints parse_table_constraints(const std::string& table, std::string_view create_sql) {
    named_constraints out;
    for (const auto& part : table_body_parts(create_sql)) {
        std::string_view rest = part;
        std::string name;
        if (starts_with_word(rest, "CONSTRAINT")) {
            rest.remove_prefix(10);
            name = take_identifier(rest);
            while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
        }
        if (starts_with_word(rest, "CHECK")) {
            // create_all's VARCHAR checks: the column type says them again
            if (name.ends_with("_varchar_length") && name.starts_with(table + "_")) continue;
            out.checks.push_back({.name = name, .condition_sql = trim(parenthesized(rest))});
        } else if (!name.empty() && starts_with_word(rest, "UNIQUE")) {
            out.unique.emplace_back(identifier_list(rest), name);
        } else if (!name.empty() && starts_with_word(rest, "FOREIGN")) {
            out.foreign_key.emplace_back(identifier_list(rest), name);
        }
    }
    return out;
}

std::optional<table_def> inspect_sqlite(connection& conn, const std::string& name) {
    const auto master = query_rows(conn, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", {name});
    if (master.empty()) return std::nullopt;
    table_def table;
    table.name = name;
    const auto columns = query_rows(
        conn, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid",
        {name});
    std::vector<std::pair<int, std::string>> key;
    for (const auto& row : columns) {
        column_def column{*row[0], type_from_catalog(row[1].value_or(""))};
        column.nullable = *row[2] == "0";
        column.default_sql = row[3].value_or("");
        const int pk = std::stoi(row[4].value_or("0"));
        if (pk > 0) key.emplace_back(pk, column.name);
        table.columns.push_back(std::move(column));
    }
    std::sort(key.begin(), key.end());
    for (auto& [position, column] : key) table.primary_key.push_back(column);
    if (table.primary_key.size() == 1) {  // INTEGER PRIMARY KEY: the rowid, an autoincrement key
        auto* column = table.column(table.primary_key.front());
        const auto declared = query_rows(conn, "SELECT type FROM pragma_table_xinfo(?) WHERE name = ?", {name, column->name});
        if (!declared.empty() && lower(declared.front()[0].value_or("")) == "integer") {
            column->identity = true;
            column->nullable = false;
        }
    }
    for (const auto& pk_name : table.primary_key) table.column(pk_name)->nullable = false;

    const auto named = parse_table_constraints(name, master.front()[0].value_or(""));
    auto name_of = [](const auto& pairs, const std::vector<std::string>& cols) {
        for (const auto& [c, n] : pairs)
            if (c == cols) return n;
        return std::string{};
    };

    const auto keys = query_rows(
        conn, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        {name});
    std::string current_id;
    for (const auto& row : keys) {
        if (*row[0] != current_id || table.foreign_keys.empty()) {
            current_id = *row[0];
            table.foreign_keys.push_back({.name = {},
                                          .columns = {},
                                          .referred_table = *row[1],
                                          .referred_columns = {},
                                          .on_delete = action_from_text(row[5].value_or("")),
                                          .on_update = action_from_text(row[4].value_or(""))});
        }
        auto& fk = table.foreign_keys.back();
        fk.columns.push_back(*row[2]);
        if (row[3]) fk.referred_columns.push_back(*row[3]);
    }
    // pragma_foreign_key_list lists foreign keys last-declared first.
    std::reverse(table.foreign_keys.begin(), table.foreign_keys.end());
    for (auto& fk : table.foreign_keys) {
        fk.name = name_of(named.foreign_key, fk.columns);
        if (fk.referred_columns.empty()) {  // REFERENCES t without columns: t's primary key
            if (auto target = inspect_sqlite(conn, fk.referred_table)) fk.referred_columns = target->primary_key;
        }
    }

    const auto indexes = query_rows(conn, "SELECT name, \"unique\", origin FROM pragma_index_list(?) ORDER BY seq DESC", {name});
    for (const auto& row : indexes) {
        const std::string& origin = *row[2];
        if (origin == "pk") continue;
        std::vector<std::string> cols;
        bool expression = false;
        for (const auto& c : query_rows(conn, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", {*row[0]})) {
            if (!c[0]) expression = true;
            else cols.push_back(*c[0]);
        }
        if (expression) continue;
        if (origin == "u") {
            table.unique_constraints.push_back({.name = name_of(named.unique, cols), .columns = std::move(cols)});
            continue;
        }
        std::string where;
        const auto index_sql = query_rows(conn, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", {*row[0]});
        if (!index_sql.empty() && index_sql.front()[0]) {
            const std::string& text = *index_sql.front()[0];
            const std::string upper_text = [&] {
                std::string u = text;
                for (char& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                return u;
            }();
            auto at = upper_text.rfind(" WHERE ");
            if (at != std::string::npos && at > text.rfind(')')) where = trim(std::string_view(text).substr(at + 7));
        }
        table.indexes.push_back({.name = *row[0], .columns = std::move(cols), .unique = *row[1] == "1", .where_sql = where});
    }
    std::sort(table.indexes.begin(), table.indexes.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    table.checks = named.checks;
    return table;
}

}  // namespace

std::vector<std::string> table_names(connection& conn) {
    const auto rows =
        conn.dialect() == dialect_kind::postgresql
            ? query_rows(conn,
                         "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
                         "AND c.relkind IN ('r', 'p') ORDER BY c.relname")
            : query_rows(conn,
                         "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                         "ORDER BY name");
    std::vector<std::string> names;
    for (const auto& row : rows) names.push_back(*row[0]);
    return names;
}

std::optional<table_def> inspect_table(connection& conn, const std::string& table) {
    return conn.dialect() == dialect_kind::postgresql ? inspect_postgresql(conn, table) : inspect_sqlite(conn, table);
}

schema inspect(connection& conn) {
    schema out;
    for (const auto& name : table_names(conn))
        if (auto table = inspect_table(conn, name)) out.push_back(std::move(*table));
    return out;
}

schema inspect(engine& engine) {
    auto conn = engine.connect();
    return inspect(conn);
}

}  // namespace retort::migrate
