#include "support/cancel_holding_proxy.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "support/temp_dir.hpp"

namespace retort::test {

namespace {

// PostgreSQL's CancelRequest: length 16, then this code, the backend's pid and its key.
constexpr std::uint32_t cancel_request_code = 80877102;
constexpr std::size_t cancel_request_length = 16;

// The value of `key=` in the URL's query ("" when absent), and where it starts.
std::string query_value(const std::string& url, const std::string& key, std::size_t* at = nullptr) {
    const std::size_t query = url.find('?');
    if (query == std::string::npos) return {};
    for (std::size_t start = query + 1; start < url.size();) {
        std::size_t end = url.find('&', start);
        if (end == std::string::npos) end = url.size();
        if (url.compare(start, key.size() + 1, key + "=") == 0) {
            if (at) *at = start + key.size() + 1;
            return url.substr(start + key.size() + 1, end - start - key.size() - 1);
        }
        start = end + 1;
    }
    return {};
}

sockaddr_un unix_address(const std::string& path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) throw std::runtime_error("socket path too long: " + path);
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    return address;
}

std::uint32_t big_endian(const unsigned char* bytes) {
    return std::uint32_t(bytes[0]) << 24 | std::uint32_t(bytes[1]) << 16 | std::uint32_t(bytes[2]) << 8 | bytes[3];
}

bool send_all(int fd, const unsigned char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

// Waits until `fd` is readable or the proxy stops (false then).
bool readable(int fd, int stop) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop, POLLIN, 0}};
    for (;;) {
        const int n = ::poll(fds, 2, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 || (fds[1].revents & POLLIN) != 0) return false;
        return true;
    }
}

// Reads exactly `size` bytes (false at the end of the stream, on an error or when stopped).
bool read_exactly(int fd, int stop, unsigned char* into, std::size_t size) {
    while (size > 0) {
        if (!readable(fd, stop)) return false;
        const ssize_t n = ::read(fd, into, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        into += n;
        size -= std::size_t(n);
    }
    return true;
}

// Copies what `from` sends to `to` until `from` ends, then tells `to` nothing more comes.
void pump(int from, int to, int stop) {
    unsigned char buffer[1 << 16];
    while (readable(from, stop)) {
        const ssize_t n = ::read(from, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || !send_all(to, buffer, std::size_t(n))) break;
    }
    ::shutdown(to, SHUT_WR);
}

}  // namespace

cancel_holding_proxy::cancel_holding_proxy(const std::string& server_url) {
    std::size_t host_at = 0;
    const std::string host = query_value(server_url, "host", &host_at);
    if (host.empty() || host.front() != '/')
        throw std::runtime_error("cancel_holding_proxy needs a server on a Unix socket (host=/dir): " + server_url);
    std::string port = query_value(server_url, "port");
    if (port.empty()) port = "5432";
    server_socket_ = host + "/.s.PGSQL." + port;
    directory_ = detail::make_temp_dir("retort-proxy");
    socket_path_ = directory_ + "/.s.PGSQL." + port;
    url_ = server_url.substr(0, host_at) + directory_ + server_url.substr(host_at + host.size());

    if (::pipe(stop_pipe_) != 0) throw std::runtime_error("cancel_holding_proxy: pipe failed");
    listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_un address = unix_address(socket_path_);
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 64) != 0) {
        const std::string why = std::strerror(errno);
        if (listener_ >= 0) ::close(listener_);
        ::close(stop_pipe_[0]);
        ::close(stop_pipe_[1]);
        ::rmdir(directory_.c_str());
        throw std::runtime_error("cancel_holding_proxy: cannot listen on " + socket_path_ + ": " + why);
    }
    accepting_ = std::thread([this] { accept_loop(); });
}

cancel_holding_proxy::~cancel_holding_proxy() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        // A relay blocked in send() to a peer that stopped reading: its socket's shutdown ends it.
        for (int fd : open_) ::shutdown(fd, SHUT_RDWR);
    }
    changed_.notify_all();
    const char stop = 1;
    [[maybe_unused]] const ssize_t written = ::write(stop_pipe_[1], &stop, 1);
    accepting_.join();  // no connection is served after this
    for (auto& t : serving_) t.join();
    ::close(listener_);
    ::close(stop_pipe_[0]);
    ::close(stop_pipe_[1]);
    ::unlink(socket_path_.c_str());
    ::rmdir(directory_.c_str());
}

std::size_t cancel_holding_proxy::held() const {
    const std::lock_guard lock(mutex_);
    return held_;
}

bool cancel_holding_proxy::wait_until_held(std::size_t count) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(30), [&] { return held_ >= count; });
}

void cancel_holding_proxy::release() {
    {
        const std::lock_guard lock(mutex_);
        released_ = true;
    }
    changed_.notify_all();
}

void cancel_holding_proxy::accept_loop() {
    while (readable(listener_, stop_pipe_[0])) {
        const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        const std::lock_guard lock(mutex_);
        if (stopping_) {
            ::close(client);
            break;
        }
        open_.push_back(client);
        serving_.emplace_back([this, client] { serve(client); });
    }
}

int cancel_holding_proxy::open_socket(int fd) {
    const std::lock_guard lock(mutex_);
    if (stopping_) {
        ::close(fd);
        return -1;
    }
    open_.push_back(fd);
    return fd;
}

void cancel_holding_proxy::close_socket(int fd) {
    {
        const std::lock_guard lock(mutex_);
        open_.erase(std::remove(open_.begin(), open_.end(), fd), open_.end());
    }
    ::close(fd);
}

int cancel_holding_proxy::connect_to_server() {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    const sockaddr_un address = unix_address(server_socket_);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return open_socket(fd);
}

void cancel_holding_proxy::serve(int client) {
    // Every startup packet begins with its length and a code: 8 bytes say what this is.
    unsigned char head[cancel_request_length];
    if (!read_exactly(client, stop_pipe_[0], head, 8)) return close_socket(client);
    if (big_endian(head) == cancel_request_length && big_endian(head + 4) == cancel_request_code) {
        if (!read_exactly(client, stop_pipe_[0], head + 8, cancel_request_length - 8)) return close_socket(client);
        return pass_cancel(client, head);
    }
    const int server = connect_to_server();
    if (server < 0) return close_socket(client);
    if (send_all(server, head, 8)) {
        std::thread back([&] { pump(server, client, stop_pipe_[0]); });
        pump(client, server, stop_pipe_[0]);
        back.join();
    }
    close_socket(server);
    close_socket(client);
}

void cancel_holding_proxy::pass_cancel(int client, const unsigned char* packet) {
    {
        std::unique_lock lock(mutex_);
        ++held_;
        changed_.notify_all();
        changed_.wait(lock, [&] { return released_ || stopping_; });
    }
    const int server = connect_to_server();
    if (server >= 0) {
        // The server closes the connection once it has signalled the backend; the client waits
        // for that close (PQcancel returns then).
        if (send_all(server, packet, cancel_request_length)) {
            unsigned char ignored[64];
            while (readable(server, stop_pipe_[0]) && ::read(server, ignored, sizeof ignored) > 0) {
            }
        }
        close_socket(server);
    }
    close_socket(client);
}

}  // namespace retort::test
