#pragma once
// Who runs initdb and the server: PostgreSQL refuses to run as root, so a root test process
// hands those programs to the `postgres` account (created by Debian's postgresql-common).
#include <optional>
#include <sys/types.h>

namespace retort::test::detail {

struct server_user {
    uid_t uid;
    gid_t gid;
};

// nullopt: run the tools as ourselves. Throws std::runtime_error when running as root and
// there is no `postgres` account.
std::optional<server_user> server_user_for_this_process();

}  // namespace retort::test::detail
