#include "support/standby_servers.hpp"

#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "support/child_process.hpp"
#include "support/postgres_binaries.hpp"
#include "support/server_user.hpp"

namespace retort::test {
namespace {

const char* variable_value(const char* variable) {
    const char* value = std::getenv(variable);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

// The database part of a URL: postgresql://user@/<database>?...
std::string_view database_of(std::string_view url) {
    const std::size_t at = url.find("@/");
    if (at == std::string_view::npos) return {};
    const std::size_t start = at + 2;
    return url.substr(start, url.find('?', start) - start);
}

void replica_pg_ctl(std::vector<std::string> arguments) {
    const char* data = variable_value("RETORT_TEST_PG_REPLICA_DATA");
    if (data == nullptr) throw std::runtime_error("RETORT_TEST_PG_REPLICA_DATA is not set");
    std::vector<std::string> argv = {detail::postgres_bin_dir() + "/pg_ctl", "-D", data, "-w", "-t", "60"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const std::string dir = std::string(data) + "/..";
    auto result = detail::run_child(argv, dir, detail::server_user_for_this_process(), std::chrono::seconds(90));
    if (!result.ok()) throw std::runtime_error(result.describe("pg_ctl on the replica"));
}

}  // namespace

std::optional<std::string> standby_url(const char* variable) {
    const char* base = variable_value(variable);
    if (base == nullptr || variable_value("RETORT_TEST_PG_URL") == nullptr) return std::nullopt;
    const std::optional<std::string> own = postgres_url();
    if (!own) return std::nullopt;
    // The same database as this process's on the primary: the replica replays its creation,
    // PgBouncer forwards any database name.
    std::string url(base);
    const std::string_view database = database_of(url);
    const std::size_t at = url.find("@/") + 2;
    url.replace(at, database.size(), database_of(*own));
    return url;
}

std::string standby_unavailable_reason(const char* variable) {
    if (variable_value("RETORT_TEST_PG_URL") == nullptr)
        return "run under scripts/with-postgres, which starts it beside the shared server";
    if (variable_value(variable) == nullptr)
        return std::string(variable) + " is not set (scripts/with-postgres could not start it: see its output)";
    return postgres_unavailable_reason();
}

void stop_replica() { replica_pg_ctl({"-m", "fast", "stop"}); }

void start_replica() {
    const char* data = variable_value("RETORT_TEST_PG_REPLICA_DATA");
    replica_pg_ctl({"-l", std::string(data ? data : "") + "/../replica.log", "start"});
}

std::string url_with_option(const std::string& url, std::string_view option) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + std::string(option);
}

}  // namespace retort::test
