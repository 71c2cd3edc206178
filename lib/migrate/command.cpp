// The migration program's commands (Alembic's `alembic` command line), over a revision graph
// and the version table.
#include <retort/migrate/command.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include <retort/engine/engine.hpp>
#include <retort/migrate/inspector.hpp>
#include <retort/migrate/migration_error.hpp>
#include <retort/migrate/op.hpp>

#include "autogenerate.hpp"
#include "ddl_text.hpp"
#include "query.hpp"
#include "revision_graph.hpp"

namespace retort::migrate {

namespace {

using detail::quote;
using detail::revision_graph;

// pg_advisory_lock key of the migration commands ("retort" in ASCII).
constexpr const char* advisory_lock_key = "125780064039028";

struct arguments {
    std::string url;
    std::string versions_dir;
    std::string command;
    std::vector<std::string> positional;
    std::string message;
    bool autogenerate = false;
    bool sql = false;
    bool verbose = false;
};

arguments parse(const std::vector<std::string>& args, const environment& env) {
    arguments a;
    a.versions_dir = env.versions_dir;
    if (const char* url = std::getenv("RETORT_DATABASE_URL")) a.url = url;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](const char* what) -> std::string {
            if (i + 1 >= args.size()) throw migration_error(std::string(what) + " needs a value");
            return args[++i];
        };
        if (arg == "--url") a.url = value("--url");
        else if (arg == "--versions") a.versions_dir = value("--versions");
        else if (arg == "-m" || arg == "--message") a.message = value("-m");
        else if (arg == "--autogenerate") a.autogenerate = true;
        else if (arg == "--sql") a.sql = true;
        else if (arg == "--verbose" || arg == "-v") a.verbose = true;
        else if (arg.starts_with("--")) throw migration_error("unknown option '" + arg + "'");
        else if (a.command.empty()) a.command = arg;
        else a.positional.push_back(arg);
    }
    if (a.command.empty())
        throw migration_error(
            "no command: revision, upgrade, downgrade, current, history, heads, show, stamp, merge or check");
    return a;
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string parents_text(const revision& r) {
    if (r.down_revisions.empty()) return "<base>";
    if (r.down_revisions.size() == 1) return r.down_revisions.front();
    return "(" + join(r.down_revisions) + ")";
}

std::string head_mark(const revision_graph& graph, const std::string& id) {
    const auto heads = graph.heads();
    return std::find(heads.begin(), heads.end(), id) != heads.end() ? " (head)" : "";
}

// --- the version table ---------------------------------------------------------------------

bool version_table_exists(connection& conn) {
    const auto names = table_names(conn);
    return std::find(names.begin(), names.end(), version_table) != names.end();
}

std::string create_version_table_sql() {
    return std::string("CREATE TABLE IF NOT EXISTS ") + quote(version_table) +
           " (\n\t\"version_num\" VARCHAR(32) NOT NULL,\n\tCONSTRAINT " + quote(std::string(version_table) + "_pkc") +
           " PRIMARY KEY (\"version_num\")\n)";
}

std::vector<std::string> read_versions(connection& conn) {
    std::vector<std::string> out;
    if (!version_table_exists(conn)) return out;
    for (const auto& row : detail::query_rows(conn, "SELECT \"version_num\" FROM " + quote(version_table)))
        out.push_back(*row[0]);
    std::sort(out.begin(), out.end());
    return out;
}

// The revisions the database has applied: its version rows and everything they revise.
std::set<std::string> applied_set(const revision_graph& graph, const std::vector<std::string>& rows) {
    for (const auto& id : rows)
        if (!graph.contains(id))
            throw migration_error("the database is stamped with revision '" + id +
                                  "', which this program does not have (is its revision file missing?)");
    return graph.ancestors(rows);
}

std::string placeholder(dialect_kind dialect) { return dialect == dialect_kind::postgresql ? "$1" : "?"; }

// Statements that move the version rows from `before` to `after`.
struct version_change {
    std::vector<std::string> removed, added;
};
version_change diff_rows(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    version_change change;
    for (const auto& id : before)
        if (std::find(after.begin(), after.end(), id) == after.end()) change.removed.push_back(id);
    for (const auto& id : after)
        if (std::find(before.begin(), before.end(), id) == before.end()) change.added.push_back(id);
    return change;
}

void write_versions(connection& conn, const version_change& change) {
    const std::string p = placeholder(conn.dialect());
    for (const auto& id : change.removed)
        detail::execute_with(conn, "DELETE FROM " + quote(version_table) + " WHERE \"version_num\" = " + p, {id});
    for (const auto& id : change.added)
        detail::execute_with(conn, "INSERT INTO " + quote(version_table) + " (\"version_num\") VALUES (" + p + ")", {id});
}

std::vector<std::string> version_sql(const version_change& change) {
    std::vector<std::string> out;
    for (const auto& id : change.removed)
        out.push_back("DELETE FROM " + quote(version_table) + " WHERE \"version_num\" = " + detail::string_literal(id));
    for (const auto& id : change.added)
        out.push_back("INSERT INTO " + quote(version_table) + " (\"version_num\") VALUES (" + detail::string_literal(id) + ")");
    return out;
}

// --- planning --------------------------------------------------------------------------------

struct step {
    std::string id;
    bool up = true;
};

bool is_number(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<step> plan_upgrade(const revision_graph& graph, const std::set<std::string>& applied, const std::string& target) {
    std::set<std::string> wanted;
    if (target == "head") {
        const auto heads = graph.heads();
        if (heads.size() > 1)
            throw migration_error("there are several heads (" + join(heads) +
                                  "): name one, upgrade to 'heads', or merge them (merge -m MSG " + join(heads, " ") + ")");
        wanted = graph.ancestors(heads);
    } else if (target == "heads") {
        wanted = graph.ancestors(graph.heads());
    } else if (target.starts_with("+") && is_number(target.substr(1))) {
        const std::size_t n = std::stoul(target.substr(1));
        std::set<std::string> done = applied;
        std::vector<step> steps;
        for (const auto& id : graph.order()) {
            if (steps.size() == n) break;
            if (done.count(id)) continue;
            const auto& parents = graph.get(id).down_revisions;
            if (std::all_of(parents.begin(), parents.end(), [&](const std::string& p) { return done.count(p) != 0; })) {
                steps.push_back({id, true});
                done.insert(id);
            }
        }
        if (steps.size() < n)
            throw migration_error("upgrade " + target + ": only " + std::to_string(steps.size()) +
                                  " revision(s) are ahead of the database");
        return steps;
    } else {
        wanted = graph.ancestors({graph.resolve(target)});
    }
    std::vector<step> steps;
    for (const auto& id : graph.order())
        if (wanted.count(id) && !applied.count(id)) steps.push_back({id, true});
    return steps;
}

std::vector<step> plan_downgrade(const revision_graph& graph, const std::set<std::string>& applied, const std::string& target) {
    std::set<std::string> keep;
    if (target.starts_with("-") && is_number(target.substr(1))) {
        const std::size_t n = std::stoul(target.substr(1));
        std::vector<step> steps;
        for (auto it = graph.order().rbegin(); it != graph.order().rend() && steps.size() < n; ++it)
            if (applied.count(*it)) steps.push_back({*it, false});
        if (steps.size() < n)
            throw migration_error("downgrade " + target + ": the database has only " + std::to_string(steps.size()) +
                                  " revision(s) applied");
        return steps;
    }
    if (target != "base") {
        const std::string id = graph.resolve(target);
        if (!applied.count(id))
            throw migration_error("downgrade " + target + ": revision '" + id + "' is not applied to the database");
        keep = graph.ancestors({id});
    }
    std::vector<step> steps;
    for (auto it = graph.order().rbegin(); it != graph.order().rend(); ++it)
        if (applied.count(*it) && !keep.count(*it)) steps.push_back({*it, false});
    return steps;
}

// --- running -----------------------------------------------------------------------------------

std::string step_line(const revision_graph& graph, const step& s) {
    const revision& r = graph.get(s.id);
    const std::string parents = r.down_revisions.empty() ? "" : join(r.down_revisions);
    return s.up ? "Running upgrade " + parents + " -> " + r.id + ", " + r.message
                : "Running downgrade " + r.id + " -> " + parents + ", " + r.message;
}

class session {
public:
    session(const environment& env, const arguments& args, std::ostream& out, std::ostream& err)
        : env_(env), args_(args), out_(out), err_(err), graph_(env.revisions) {}

    int dispatch();

private:
    engine& db() {
        if (env_.engine) return *env_.engine;
        if (!engine_) {
            if (args_.url.empty()) throw migration_error("no database URL: give --url URL or set RETORT_DATABASE_URL");
            engine_ = create_engine(args_.url, {.pool_size = 1, .max_overflow = 0});
        }
        return *engine_;
    }
    std::string positional(std::size_t i, const char* what) const {
        if (i >= args_.positional.size()) throw migration_error(args_.command + " needs " + what);
        return args_.positional[i];
    }

    int migrate(bool up);
    int migrate_offline(bool up);
    void run_step(connection& conn, const step& s);
    int current();
    int history();
    int heads();
    int show();
    int stamp();
    int check();
    int new_revision(bool merge);
    std::string write_revision_file(const revision& r, const std::string& upgrade, const std::string& downgrade,
                                    const std::vector<std::string>& destructive);
    void lock(connection& conn);
    void unlock(connection& conn) noexcept;

    const environment& env_;
    const arguments& args_;
    std::ostream& out_;
    std::ostream& err_;
    revision_graph graph_;
    std::optional<engine> engine_;
};

int session::dispatch() {
    const std::string& c = args_.command;
    if (c == "upgrade") return args_.sql ? migrate_offline(true) : migrate(true);
    if (c == "downgrade") return args_.sql ? migrate_offline(false) : migrate(false);
    if (c == "current") return current();
    if (c == "history") return history();
    if (c == "heads") return heads();
    if (c == "show") return show();
    if (c == "stamp") return stamp();
    if (c == "check") return check();
    if (c == "revision") return new_revision(false);
    if (c == "merge") return new_revision(true);
    throw migration_error("unknown command '" + c + "'");
}

// Two migration processes on one PostgreSQL database take turns: the second waits here and
// then finds the first one's revisions applied. (SQLite's write lock serialises the steps.)
void session::lock(connection& conn) {
    if (conn.dialect() != dialect_kind::postgresql) return;
    detail::query_rows(conn, std::string("SELECT pg_advisory_lock(") + advisory_lock_key + ")");
    conn.commit();
}

void session::unlock(connection& conn) noexcept {
    if (conn.dialect() != dialect_kind::postgresql) return;
    try {
        conn.rollback();
        detail::query_rows(conn, std::string("SELECT pg_advisory_unlock(") + advisory_lock_key + ")");
        conn.commit();
    } catch (...) {
        // the lock goes with the session when the connection closes
    }
}

void session::run_step(connection& conn, const step& s) {
    const revision& r = graph_.get(s.id);
    auto tx = conn.begin();
    // Read again inside the transaction: another process may have applied it meanwhile.
    const auto rows = read_versions(conn);
    std::set<std::string> applied = applied_set(graph_, rows);
    if (s.up == (applied.count(s.id) != 0)) return;  // rolled back by tx: nothing to do
    out_ << step_line(graph_, s) << '\n';
    op o(conn, inspect(conn));
    (s.up ? r.upgrade : r.downgrade)(o);
    for (const auto& sql : o.statements())
        if (env_.on_statement) env_.on_statement(sql);
    if (conn.dialect() == dialect_kind::sqlite) {
        const auto violations = detail::query_rows(conn, "PRAGMA foreign_key_check");
        if (!violations.empty())
            throw foreign_key_violation("revision " + r.id + " leaves rows of '" + violations.front()[0].value_or("?") +
                                            "' whose foreign key finds no row",
                                        "PRAGMA foreign_key_check");
    }
    if (s.up) applied.insert(s.id);
    else applied.erase(s.id);
    write_versions(conn, diff_rows(rows, graph_.heads_of(applied)));
    tx.commit();
}

int session::migrate(bool up) {
    const std::string target = positional(0, up ? "a target (head, heads, +N or a revision)" : "a target (-N, base or a revision)");
    auto conn = db().connect();
    const bool sqlite = conn.dialect() == dialect_kind::sqlite;
    // SQLite rebuilds tables; foreign key actions must not fire on the old table's DROP.
    // The pragma only takes effect outside a transaction.
    if (sqlite) conn.dbapi().exec("PRAGMA foreign_keys = OFF");
    lock(conn);
    try {
        auto applied = applied_set(graph_, read_versions(conn));
        conn.commit();
        const auto steps = up ? plan_upgrade(graph_, applied, target) : plan_downgrade(graph_, applied, target);
        if (!steps.empty()) {
            conn.exec_driver_sql(create_version_table_sql());
            conn.commit();
        }
        for (const auto& s : steps) run_step(conn, s);
    } catch (...) {
        conn.rollback();
        unlock(conn);
        if (sqlite) conn.dbapi().exec("PRAGMA foreign_keys = ON");
        throw;
    }
    unlock(conn);
    if (sqlite) conn.dbapi().exec("PRAGMA foreign_keys = ON");
    return 0;
}

// --sql: the SQL each step would run, from a starting point given as FROM:TO (upgrade starts
// at base without one). The schema before the start is what the revisions up to it build.
int session::migrate_offline(bool up) {
    std::string target = positional(0, "a target");
    std::string from;
    if (auto colon = target.find(':'); colon != std::string::npos) {
        from = target.substr(0, colon);
        target = target.substr(colon + 1);
    } else if (!up) {
        throw migration_error("downgrade --sql needs a starting revision: downgrade FROM:TO --sql");
    }
    const dialect_kind dialect = [&] {
        if (env_.engine) return env_.engine->dialect();
        if (args_.url.starts_with("postgresql")) return dialect_kind::postgresql;
        if (args_.url.starts_with("sqlite")) return dialect_kind::sqlite;
        throw migration_error("--sql needs --url (or RETORT_DATABASE_URL) to know the dialect; it does not connect");
    }();
    std::vector<std::string> start_rows;
    if (!from.empty() && from != "base") start_rows = {graph_.resolve(from)};
    std::set<std::string> applied = graph_.ancestors(start_rows);
    const auto steps = up ? plan_upgrade(graph_, applied, target) : plan_downgrade(graph_, applied, target);
    // The schema at the start: the revisions it has, replayed without output.
    op model(dialect, {});
    for (const auto& id : graph_.order())
        if (applied.count(id)) graph_.get(id).upgrade(model);
    schema current = model.current_schema();
    if (up && start_rows.empty()) out_ << create_version_table_sql() << ";\n\n";
    std::vector<std::string> rows = graph_.heads_of(applied);
    for (const auto& s : steps) {
        out_ << "-- " << step_line(graph_, s) << "\n\nBEGIN;\n\n";
        op o(dialect, current);
        (s.up ? graph_.get(s.id).upgrade : graph_.get(s.id).downgrade)(o);
        for (const auto& sql : o.statements()) {
            out_ << sql << ";\n\n";
            if (env_.on_statement) env_.on_statement(sql);
        }
        current = o.current_schema();
        if (s.up) applied.insert(s.id);
        else applied.erase(s.id);
        auto next = graph_.heads_of(applied);
        for (const auto& sql : version_sql(diff_rows(rows, next))) out_ << sql << ";\n\n";
        rows = std::move(next);
        out_ << "COMMIT;\n\n";
    }
    return 0;
}

int session::current() {
    auto conn = db().connect();
    const auto rows = read_versions(conn);
    applied_set(graph_, rows);
    for (const auto& id : rows) out_ << id << head_mark(graph_, id) << '\n';
    return 0;
}

int session::history() {
    const auto& order = graph_.order();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const revision& r = graph_.get(*it);
        const std::string mark = head_mark(graph_, r.id) + (r.down_revisions.size() > 1 ? " (mergepoint)" : "");
        if (args_.verbose) {
            out_ << "Rev: " << r.id << mark << "\nParent: " << parents_text(r) << "\nCreate Date: " << r.created
                 << "\n\n    " << r.message << "\n\n";
        } else {
            out_ << parents_text(r) << " -> " << r.id << mark << ", " << r.message << '\n';
        }
    }
    return 0;
}

int session::heads() {
    for (const auto& id : graph_.heads()) out_ << id << " (head)\n";
    return 0;
}

int session::show() {
    const revision& r = graph_.get(graph_.resolve(positional(0, "a revision")));
    out_ << "Rev: " << r.id << head_mark(graph_, r.id) << "\nParent: " << parents_text(r)
         << "\nCreate Date: " << r.created << "\n\n    " << r.message << '\n';
    return 0;
}

int session::stamp() {
    const std::string target = positional(0, "a target (head, heads, base or a revision)");
    std::vector<std::string> rows;
    if (target == "heads") rows = graph_.heads();
    else if (target == "head") {
        rows = graph_.heads();
        if (rows.size() > 1) throw migration_error("stamp head: there are several heads (" + join(rows) + ")");
    } else if (target != "base") rows = {graph_.resolve(target)};
    auto conn = db().connect();
    lock(conn);
    try {
        auto tx = conn.begin();
        conn.exec_driver_sql(create_version_table_sql());
        const auto before = read_versions(conn);
        write_versions(conn, diff_rows(before, rows));
        tx.commit();
    } catch (...) {
        unlock(conn);
        throw;
    }
    unlock(conn);
    return 0;
}

int session::check() {
    auto conn = db().connect();
    const auto rows = read_versions(conn);
    applied_set(graph_, rows);
    auto heads = graph_.heads();
    std::sort(heads.begin(), heads.end());
    if (rows != heads)
        throw migration_error("the database is not up to date: it is at " + (rows.empty() ? "<base>" : join(rows)) +
                              ", the heads are " + (heads.empty() ? "<base>" : join(heads)) + " (run upgrade first)");
    const auto changes = detail::compare(env_.target(conn.dialect()), inspect(conn), conn.dialect());
    if (changes.empty()) {
        out_ << "No new upgrade operations detected.\n";
        return 0;
    }
    out_ << "New upgrade operations detected:\n";
    for (const auto& c : changes) out_ << "  " << c.description << (c.destructive ? " (destructive)" : "") << '\n';
    return 1;
}

std::string new_revision_id() {
    std::random_device device;
    std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device() ^
                              static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    const char* hex = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 12; ++i) id += hex[generator() % 16];
    return id;
}

std::string now_text() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
    return buffer;
}

std::string slug(const std::string& message) {
    std::string out;
    for (char c : message) {
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '_') out += '_';
        if (out.size() >= 40) break;
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "revision" : out;
}

// versions/meson.build lists every revision file: rewritten whenever one is added, so the
// next build (which notices the change and reconfigures) compiles the new file in.
void register_revision_files(const std::filesystem::path& dir) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".cpp") files.push_back(entry.path().filename().string());
    std::sort(files.begin(), files.end());
    std::ofstream out(dir / "meson.build", std::ios::trunc);
    out << "# The revision files, listed by the migration program's `revision` and `merge` commands.\n"
           "revision_sources = files(\n";
    for (const auto& f : files) out << "  '" << f << "',\n";
    out << ")\n";
    if (!out) throw migration_error("cannot write " + (dir / "meson.build").string());
}

std::string session::write_revision_file(const revision& r, const std::string& upgrade, const std::string& downgrade,
                                         const std::vector<std::string>& destructive) {
    if (args_.versions_dir.empty())
        throw migration_error("no versions folder: give --versions DIR (main() built by the migrations' meson.build knows it)");
    const std::filesystem::path dir(args_.versions_dir);
    if (!std::filesystem::is_directory(dir)) throw migration_error("versions folder '" + dir.string() + "' does not exist");
    const auto path = dir / (r.id + "_" + slug(r.message) + ".cpp");
    std::vector<std::string> parents;
    for (const auto& p : r.down_revisions) parents.push_back(detail::cpp_string(p));
    std::ostringstream text;
    text << "// " << r.message << "\n//\n// Revision ID: " << r.id << "\n// Revises: " << parents_text(r)
         << "\n// Create Date: " << r.created << "\n";
    if (!destructive.empty()) {
        text << "//\n// DESTRUCTIVE: this revision drops or narrows data; read it before you upgrade:\n";
        for (const auto& d : destructive) text << "//   " << d << '\n';
    }
    text << "#include <retort/migrate/revision_file.hpp>\n\nnamespace {\n\nusing namespace retort;\nusing namespace retort::migrate;\n\n"
         << "void upgrade([[maybe_unused]] op& op) {\n" << upgrade << "}\n\n"
         << "void downgrade([[maybe_unused]] op& op) {\n" << downgrade << "}\n\n"
         << "[[maybe_unused]] const register_revision registration{{.id = " << detail::cpp_string(r.id)
         << ",\n                                                     .down_revisions = {" << join(parents)
         << "},\n                                                     .message = " << detail::cpp_string(r.message)
         << ",\n                                                     .created = " << detail::cpp_string(r.created)
         << ",\n                                                     .upgrade = upgrade,\n"
            "                                                     .downgrade = downgrade}};\n\n}  // namespace\n";
    std::ofstream file(path);
    file << text.str();
    if (!file) throw migration_error("cannot write " + path.string());
    file.close();
    register_revision_files(dir);
    return path.string();
}

int session::new_revision(bool merge) {
    if (args_.message.empty()) throw migration_error(args_.command + " needs a message: -m MESSAGE");
    revision r;
    r.message = args_.message;
    r.created = now_text();
    r.id = new_revision_id();
    while (graph_.contains(r.id)) r.id = new_revision_id();
    if (merge) {
        if (args_.positional.size() < 2) throw migration_error("merge needs two or more revisions to merge");
        for (const auto& token : args_.positional) r.down_revisions.push_back(graph_.resolve(token));
    } else {
        r.down_revisions = graph_.heads();
        if (r.down_revisions.size() > 1)
            throw migration_error("there are several heads (" + join(r.down_revisions) + "): merge them first");
    }
    std::string upgrade = "    // nothing yet\n", downgrade = "    // nothing yet\n";
    std::vector<std::string> destructive;
    if (args_.autogenerate) {
        auto conn = db().connect();
        const auto rows = read_versions(conn);
        applied_set(graph_, rows);
        auto heads = graph_.heads();
        std::sort(heads.begin(), heads.end());
        if (rows != heads) throw migration_error("the database is not up to date: run upgrade heads before --autogenerate");
        const auto changes = detail::compare(env_.target(conn.dialect()), inspect(conn), conn.dialect());
        if (!changes.empty()) {
            upgrade.clear();
            downgrade.clear();
        }
        for (const auto& c : changes) {
            if (c.destructive) {
                upgrade += "    // DESTRUCTIVE: " + c.description + "\n";
                destructive.push_back(c.description);
                err_ << "warning: destructive operation: " << c.description << '\n';
            }
            upgrade += c.upgrade;
        }
        for (auto it = changes.rbegin(); it != changes.rend(); ++it) downgrade += it->downgrade;
        for (const auto& c : changes) out_ << "Detected " << c.description << '\n';
    }
    const std::string path = write_revision_file(r, upgrade, downgrade, destructive);
    out_ << "Generating " << path << " ... done\n";
    return 0;
}

}  // namespace

int run(const environment& env, const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    try {
        const arguments parsed = parse(args, env);
        session s(env, parsed, out, err);
        return s.dispatch();
    } catch (const std::exception& e) {
        err << "error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace retort::migrate
