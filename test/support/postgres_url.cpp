// postgres_url(): one database per test process, on the shared server or a private one.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <unistd.h>

#include "support/libpq_session.hpp"
#include "support/postgres.hpp"
#include "support/url_text.hpp"

namespace retort::test {

namespace {

class process_database {
public:
    process_database() {
        const char* shared = std::getenv("RETORT_TEST_PG_URL");
        std::string server_url;
        try {
            if (shared != nullptr && *shared != '\0') {
                server_url = shared;
            } else {
                private_server_.emplace();
                server_url = private_server_->url();
            }
            name_ = "retort_test_" + std::to_string(getpid());
            server_url_ = server_url;
            libpq_session admin(server_url);
            admin.exec("SET client_min_messages = warning");  // no NOTICE for DROP ... IF EXISTS
            // A database left by an earlier process with our pid (killed before its exit) goes first.
            admin.exec("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
            admin.exec("CREATE DATABASE \"" + name_ + "\"");
            url_ = detail::url_with_database(server_url, name_);
        } catch (const std::exception& e) {
            reason_ = e.what();
            if (shared != nullptr && *shared != '\0') reason_ = "RETORT_TEST_PG_URL=" + server_url + ": " + reason_;
        }
    }

    ~process_database() {
        // A private server takes its databases with it; on the shared one, clean up after us.
        // FORCE: connections a test left open must not keep the database alive.
        if (!url_ || private_server_) return;
        try {
            libpq_session admin(server_url_);
            admin.exec("SET client_min_messages = warning");
            admin.exec("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
        } catch (const std::exception& e) {
            std::fprintf(stderr, "retort test support: could not drop database %s: %s\n", name_.c_str(), e.what());
        }
    }

    process_database(const process_database&) = delete;
    process_database& operator=(const process_database&) = delete;

    const std::optional<std::string>& url() const noexcept { return url_; }
    const std::string& reason() const noexcept { return reason_; }

private:
    std::optional<postgres_server> private_server_;  // declared first: destroyed last
    std::string server_url_;
    std::string name_;
    std::optional<std::string> url_;
    std::string reason_;
};

process_database& this_process_database() {
    static process_database database;  // thread-safe first use; destroyed at exit
    return database;
}

}  // namespace

std::optional<std::string> postgres_url() { return this_process_database().url(); }

std::string postgres_unavailable_reason() { return this_process_database().reason(); }

}  // namespace retort::test
