#pragma once
// Building PostgreSQL URLs (postgresql://user@/database?host=/socket/dir) as text.
#include <string>
#include <string_view>

namespace retort::test::detail {

// Percent-encodes every byte except unreserved characters and those in `keep`.
std::string percent_encode(std::string_view text, std::string_view keep = "");

// The same URL naming another database: the path component is replaced (or added),
// user, host and query stay as they were.
std::string url_with_database(std::string_view url, std::string_view database);

}  // namespace retort::test::detail
