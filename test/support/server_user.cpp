#include "support/server_user.hpp"

#include <pwd.h>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace retort::test::detail {

std::optional<server_user> server_user_for_this_process() {
    if (geteuid() != 0) return std::nullopt;
    passwd entry{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwnam_r("postgres", &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr)
        throw std::runtime_error(
            "running as root, and PostgreSQL refuses root, but there is no `postgres` account to run it as "
            "(apt-get install postgresql-15 creates it)");
    return server_user{entry.pw_uid, entry.pw_gid};
}

}  // namespace retort::test::detail
