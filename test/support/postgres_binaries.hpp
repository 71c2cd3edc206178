#pragma once
#include <string>

namespace retort::test::detail {

// The directory with initdb and pg_ctl: RETORT_PG_BINDIR, else PostgreSQL 15's Debian location.
// Throws std::runtime_error naming the directory and the package when they are missing.
std::string postgres_bin_dir();

}  // namespace retort::test::detail
