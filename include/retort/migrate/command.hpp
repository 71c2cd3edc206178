#pragma once
// The migration program's commands, Alembic's command line:
//   migrate [--url URL] [--versions DIR] COMMAND ...      (URL also from RETORT_DATABASE_URL)
//   revision -m MSG [--autogenerate] | upgrade TARGET [--sql] | downgrade TARGET [--sql]
//   current | history [--verbose] | heads | show REV | stamp TARGET | merge -m MSG REV REV | check
// run() is main() without the process: tests call it with their own revisions.
#include <iosfwd>
#include <string>
#include <vector>

#include <retort/core/callback.hpp>
#include <retort/migrate/revision.hpp>
#include <retort/migrate/table_def.hpp>
#include <retort/render/dialect.hpp>

namespace retort {
class engine;
}

namespace retort::migrate {

// The version table, Alembic's alembic_version: one row per applied head.
inline constexpr const char* version_table = "retort_version";

struct environment {
    // The program's metadata, described for a dialect (what check and autogenerate compare).
    callback<schema(dialect_kind)> target;
    std::vector<revision> revisions;
    // Where revision files are written (the migrations' versions/ folder).
    std::string versions_dir;
    // Told each statement a revision's operations run (or print, with --sql): for logs and tests.
    callback<void(const std::string&)> on_statement;
    // The database, when the caller has an engine already (--url is then not needed).
    retort::engine* engine = nullptr;
};

// Runs one command; returns the process exit code (0 done, 1 check found differences or
// the command failed; errors are one line on `err`).
int run(const environment& env, const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace retort::migrate
