#include "support/postgres_binaries.hpp"

#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace retort::test::detail {

std::string postgres_bin_dir() {
    const char* configured = std::getenv("RETORT_PG_BINDIR");
    bool from_env = configured != nullptr && *configured != '\0';
    std::string dir = from_env ? configured : "/usr/lib/postgresql/15/bin";
    for (const char* tool : {"initdb", "pg_ctl", "postgres"}) {
        std::string path = dir + "/" + tool;
        if (access(path.c_str(), X_OK) != 0)
            throw std::runtime_error("no executable " + path +
                                     (from_env ? " (RETORT_PG_BINDIR is set)"
                                               : " (apt-get install postgresql-15, or set RETORT_PG_BINDIR)"));
    }
    return dir;
}

}  // namespace retort::test::detail
