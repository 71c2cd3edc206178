#pragma once
// The whole main() of a project's migration program (migrations/main.cpp):
//   int main(int argc, char** argv) { return retort::migrate::main(argc, argv, metadata{users, posts}); }
// Its revisions are the files of versions/ compiled into it; RETORT_MIGRATIONS_DIR (set by
// the migrations' meson.build) is where `revision` writes new ones.
#include <iostream>
#include <string>
#include <vector>

#include <retort/migrate/command.hpp>
#include <retort/migrate/metadata_schema.hpp>

namespace retort::migrate {

template <class... Tables>
int main(int argc, char** argv, const metadata<Tables...>& tables) {
    environment env;
    env.target = [tables](dialect_kind dialect) { return describe(tables, dialect); };
    env.revisions = registered_revisions();
#ifdef RETORT_MIGRATIONS_DIR
    env.versions_dir = std::string(RETORT_MIGRATIONS_DIR) + "/versions";
#endif
    return run(env, std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}

}  // namespace retort::migrate
