#include "support/child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace retort::test::detail {

namespace {

int exit_code_of(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// Between fork and exec only async-signal-safe calls: the test process may have threads.
[[noreturn]] void become_child(char* const* argv, const spawn_options& options, bool own_group) {
    if (options.new_session) setsid();
    else if (own_group) setpgid(0, 0);
    int null_fd = open("/dev/null", O_RDWR);
    dup2(options.stdin_fd >= 0 ? options.stdin_fd : null_fd, 0);
    int out = options.output_fd >= 0 ? options.output_fd : null_fd;
    dup2(out, 1);
    dup2(out, 2);
    close_range(3, ~0U, 0);
    if (options.user) {
        gid_t gid = options.user->gid;
        if (setgroups(1, &gid) != 0 || setgid(gid) != 0 || setuid(options.user->uid) != 0) _exit(126);
    }
    if (chdir(options.working_dir.c_str()) != 0) _exit(126);
    execv(argv[0], argv);
    _exit(127);
}

pid_t fork_child(const std::vector<std::string>& argv, const spawn_options& options, bool own_group) {
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    if (pid == 0) become_child(args.data(), options, own_group);
    return pid;
}

}  // namespace

pid_t spawn_child(const std::vector<std::string>& argv, const spawn_options& options) {
    return fork_child(argv, options, false);
}

std::string child_result::describe(const std::string& what) const {
    std::string text = what;
    if (timed_out) text += " timed out";
    else text += " exited with " + std::to_string(exit_code);
    if (!output.empty()) text += ":\n" + output;
    return text;
}

child_result run_child(const std::vector<std::string>& argv, const std::string& working_dir,
                       const std::optional<server_user>& user, std::chrono::seconds timeout) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
    spawn_options options;
    options.working_dir = working_dir;
    options.user = user;
    options.output_fd = pipe_fds[1];
    pid_t pid;
    try {
        pid = fork_child(argv, options, true);
    } catch (...) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        throw;
    }
    close(pipe_fds[1]);

    // Read until the child exits, not until EOF: a server the tool started may keep the pipe.
    child_result result;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    bool exited = false;
    char buffer[4096];
    while (!exited) {
        pollfd fd{pipe_fds[0], POLLIN, 0};
        if (poll(&fd, 1, 50) > 0) {
            ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
            if (n > 0) result.output.append(buffer, static_cast<std::size_t>(n));
        }
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) exited = true;
        else if (done < 0 && errno != EINTR) break;
        else if (std::chrono::steady_clock::now() > deadline) {
            result.timed_out = true;
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            exited = true;
        }
    }
    // Whatever is left in the pipe, without blocking.
    fcntl(pipe_fds[0], F_SETFL, O_NONBLOCK);
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
        result.output.append(buffer, static_cast<std::size_t>(n));
    close(pipe_fds[0]);
    result.exit_code = exited ? exit_code_of(status) : -1;
    return result;
}

}  // namespace retort::test::detail
