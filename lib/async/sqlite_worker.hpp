#pragma once
// Internal: the thread an asynchronous SQLite connection's work runs on (one per connection,
// as aiosqlite's). Jobs run in the order they came, one at a time.
//
// Why a thread of its own and not a shared pool: a statement awaited one by one crosses to
// the worker and back. Through sleeping threads that is two wake-ups (some 20 µs on a virtual
// machine) for a select that takes under 1 µs. So both sides wait briefly by polling: the
// worker polls for its next job for `worker_poll` after each before it sleeps, and the
// awaiting side polls for `caller_poll` for a job to finish before it suspends (and does not
// poll for the next few jobs after a long one: a long statement holds the event loop no longer
// than one poll). Before it polls, the caller lets the handlers ready on the event loop run
// once: coroutines issued together then queue their jobs, and the worker runs them back to
// back, where each used to wait behind the poll of the one before.
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include <retort/core/function_ref.hpp>

namespace retort::async_detail {

class sqlite_worker {
public:
    static constexpr std::chrono::microseconds worker_poll{50};
    static constexpr std::chrono::microseconds caller_poll{20};

    sqlite_worker();
    sqlite_worker(const sqlite_worker&) = delete;
    sqlite_worker& operator=(const sqlite_worker&) = delete;
    ~sqlite_worker();

    // Runs `work` on the thread, after the jobs before it, and resumes the caller on its own
    // executor with what it threw. The caller (one executor: the event loop) keeps `work`
    // alive until then. A caller cancelled through its cancellation slot still leaves only
    // once the job is over (the job lives in its frame): a job not started yet is not run
    // (query_canceled), a running one is stopped with `interrupt`, called on the caller's
    // thread (sqlite3_interrupt) under the queue's lock, so never once the thread has taken
    // the next job. `forget` runs on the thread just before the job starts: an interrupt sent
    // for an earlier job that ended first is not this one's.
    boost::asio::awaitable<void> run(function_ref<void()> work, function_ref<void()> interrupt = {},
                                     function_ref<void()> forget = {});

    // Runs `work` after the jobs before it; nobody waits, and what it throws is dropped.
    // `last`: the thread ends after it (nothing may be queued behind it).
    void post(std::function<void()> work, bool last = false);
    // Lets the thread end after the jobs queued, unless a job ending it is already queued.
    void stop();

    // The thread has run its last job and is about to return: joining it will not wait.
    bool ended() const noexcept { return ended_.load(std::memory_order_acquire); }
    void join();

private:
    struct job;
    struct posted_job;

    // Guards the queue for the few instructions that link or unlink a job. Not a std::mutex:
    // the two threads meet here at every job, and a mutex makes the loser sleep in the kernel.
    class spin_lock {
    public:
        void lock() noexcept;
        void unlock() noexcept { locked_.store(false, std::memory_order_release); }

    private:
        std::atomic<bool> locked_{false};
    };

    void submit(job& j);
    void cancel(job& j);
    bool poll_until_done(job& j);
    job* take();
    void loop();

    // Each group on a cache line of its own: the worker polls the first while the caller
    // works on the last (sharing a line, every write of one would stall the other).
    static constexpr std::size_t cache_line = 64;
    alignas(cache_line) spin_lock lock_;
    job* head_ = nullptr;  // the queue, guarded by lock_
    job* tail_ = nullptr;
    std::atomic<unsigned> queued_{0};  // also what a sleeping worker waits on
    alignas(cache_line) std::atomic<bool> sleeping_{false};
    std::atomic<bool> ended_{false};
    // The caller's side (one executor):
    alignas(cache_line) unsigned skip_polls_ = 0;  // jobs to suspend on without polling, after a long one
    bool stopping_ = false;                        // a job ending the thread is queued
    std::thread thread_;
};

// An engine's workers: joins each thread once it has ended, and all of them at the end.
class sqlite_workers {
public:
    sqlite_workers() = default;
    sqlite_workers(const sqlite_workers&) = delete;
    sqlite_workers& operator=(const sqlite_workers&) = delete;
    ~sqlite_workers();

    std::shared_ptr<sqlite_worker> start();

private:
    std::mutex mutex_;
    std::vector<std::shared_ptr<sqlite_worker>> workers_;
};

}  // namespace retort::async_detail
