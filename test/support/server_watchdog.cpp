#include "support/server_watchdog.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "support/child_process.hpp"

namespace retort::test::detail {

namespace {
// $1 = bin dir, $2 = root dir. `read` fails on EOF without a line: the owner died.
constexpr const char* watchdog_script =
    "IFS= read -r word; [ \"$word\" = done ] && exit 0; "
    "\"$1/pg_ctl\" -D \"$2/data\" -m immediate -w -t 30 stop; rm -rf \"$2\"";
}  // namespace

server_watchdog::server_watchdog(const std::string& bin_dir, const std::string& root_dir,
                                 const std::optional<server_user>& user) {
    int fds[2];
    // A socket rather than a pipe: send() with MSG_NOSIGNAL cannot raise SIGPIPE.
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        throw std::runtime_error(std::string("socketpair failed: ") + std::strerror(errno));
    spawn_options options;
    options.working_dir = root_dir;
    options.user = user;
    options.stdin_fd = fds[1];
    options.new_session = true;
    try {
        pid_ = spawn_child({"/bin/sh", "-c", watchdog_script, "retort-pg-watchdog", bin_dir, root_dir}, options);
    } catch (...) {
        close(fds[0]);
        close(fds[1]);
        throw;
    }
    close(fds[1]);
    socket_ = fds[0];
}

server_watchdog::~server_watchdog() {
    static constexpr char done[] = "done\n";
    (void)send(socket_, done, sizeof done - 1, MSG_NOSIGNAL);
    close(socket_);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
}

}  // namespace retort::test::detail
