#pragma once
// A relay in front of a PostgreSQL server's Unix socket that holds back cancel requests
// (PQcancel's CancelRequest packet) until the test releases them: a client's cancel then stays
// in progress for exactly as long as the test needs, where the server would answer it at once.
// Every other connection is relayed byte for byte, both ways.
//   cancel_holding_proxy proxy(server_url);
//   auto engine = create_async_engine(io, proxy.url(), ...);
//   ... proxy.wait_until_held(1) ... proxy.release();
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace retort::test {

class cancel_holding_proxy {
public:
    // `server_url` names the server by its socket directory (host=/dir, as scripts/with-postgres
    // and postgres_server give it; port= optional). Throws std::runtime_error otherwise, or
    // when the proxy's socket cannot be made.
    explicit cancel_holding_proxy(const std::string& server_url);
    // Releases what it holds, closes every relayed connection and removes its socket.
    ~cancel_holding_proxy();
    cancel_holding_proxy(const cancel_holding_proxy&) = delete;
    cancel_holding_proxy& operator=(const cancel_holding_proxy&) = delete;

    // `server_url` with the proxy's socket directory as its host.
    const std::string& url() const noexcept { return url_; }
    // Cancel requests received so far (held until release()).
    std::size_t held() const;
    // Waits until `count` cancel requests have come; false when they have not after 30 s.
    bool wait_until_held(std::size_t count) const;
    // Sends the held cancel requests on to the server, and every later one at once.
    void release();

private:
    void accept_loop();
    void serve(int client);
    void pass_cancel(int client, const unsigned char* packet);
    int connect_to_server();
    // Sockets are registered while open, so that stopping can shut them down (a relay blocked
    // sending to a peer that no longer reads). open_socket closes `fd` when stopping (-1).
    int open_socket(int fd);
    void close_socket(int fd);

    std::string server_socket_;  // the server's socket file
    std::string directory_;      // the proxy's socket directory
    std::string socket_path_;
    std::string url_;
    int listener_ = -1;
    int stop_pipe_[2] = {-1, -1};  // readable once the proxy stops: wakes every poll
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::size_t held_ = 0;
    bool released_ = false;
    bool stopping_ = false;
    std::vector<int> open_;
    std::thread accepting_;
    std::vector<std::thread> serving_;  // one a connection
};

}  // namespace retort::test
