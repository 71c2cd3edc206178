// retort-migrate init DIR: the migrations folder of a project, Alembic's `alembic init`.
// DIR/meson.build builds the project's migration program (`migrate`), DIR/main.cpp is its
// main() (the project lists its tables there), DIR/versions/ holds the revision files.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view meson_build = R"(# The project's migration program, from retort-migrate init:
#   ninja -C build migrate && build/migrations/migrate --url URL upgrade head
# `migrate revision -m MSG [--autogenerate]` writes a file into versions/ and lists it in
# versions/meson.build; the next build compiles it in.
subdir('versions')
migrate_program = executable('migrate', 'main.cpp', revision_sources,
  cpp_args : ['-DRETORT_MIGRATIONS_DIR="' + meson.current_source_dir() + '"'],
  dependencies : dependency('retort-migrate'))
)";

constexpr std::string_view main_cpp = R"(// The project's migration program: its tables, and the commands of retort::migrate.
#include <retort/migrate/main.hpp>
// #include "../src/schema.hpp"   // the project's table declarations

int main(int argc, char** argv) {
    return retort::migrate::main(argc, argv, retort::metadata{/* users, posts */});
}
)";

constexpr std::string_view versions_meson_build =
    "# The revision files, listed by the migration program's `revision` and `merge` commands.\n"
    "revision_sources = files(\n)\n";

bool write(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path);
    out << text;
    return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 || std::string_view(argv[1]) != "init") {
        std::cerr << "usage: retort-migrate init DIR\n";
        return 2;
    }
    const std::filesystem::path dir(argv[2]);
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
        std::cerr << "error: " << dir.string() << " exists and is not empty\n";
        return 1;
    }
    std::filesystem::create_directories(dir / "versions", ec);
    if (ec) {
        std::cerr << "error: cannot create " << (dir / "versions").string() << ": " << ec.message() << '\n';
        return 1;
    }
    if (!write(dir / "meson.build", meson_build) || !write(dir / "main.cpp", main_cpp) ||
        !write(dir / "versions" / "meson.build", versions_meson_build)) {
        std::cerr << "error: cannot write into " << dir.string() << '\n';
        return 1;
    }
    std::cout << "Creating directory " << dir.string() << " ... done\n"
              << "Generating " << (dir / "meson.build").string() << " ... done\n"
              << "Generating " << (dir / "main.cpp").string() << " ... done\n"
              << "Generating " << (dir / "versions" / "meson.build").string() << " ... done\n"
              << "Next: list your tables in main.cpp, add subdir('" << dir.filename().string()
              << "') to your meson.build, build, then: migrate --url URL revision --autogenerate -m \"first\"\n";
    return 0;
}
