#include "sqlite_worker.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/cancellation_state.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <retort/core/errors.hpp>

namespace retort::async_detail {

namespace asio = boost::asio;

namespace {

// A job's state: the worker moves it from `running` to `done`; a caller that stops polling
// moves it from `running` to `suspended`, and whichever comes second completes the caller.
enum : std::uint8_t { running, done, suspended };

// Jobs to suspend on at once after a long one (longer than `long_job` after the caller's
// poll): a run of long statements does not cost the event loop a poll each.
constexpr unsigned polls_skipped_after_long_job = 16;
constexpr std::chrono::microseconds long_job{100};

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// Polls `ready` until it holds or `budget` has passed; true if it held. (Yielding between
// looks, for two threads the scheduler put on one core, made every hand-off slower: measured
// 80 ms to 100-400 ms for 20,000 selects on two cores.)
template <class Ready>
bool poll_for(std::chrono::microseconds budget, Ready ready) {
    if (ready()) return true;
    const auto deadline = std::chrono::steady_clock::now() + budget;
    for (;;) {
        for (int i = 0; i < 16; ++i) {
            cpu_relax();
            if (ready()) return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) return ready();
    }
}

}  // namespace

struct sqlite_worker::job {
    function_ref<void()> work;
    function_ref<void()> interrupt;  // stops `work` from another thread (may be empty)
    function_ref<void()> forget;     // before `work`: an interrupt sent earlier is not for it (may be empty)
    std::exception_ptr failure;
    std::atomic<std::uint8_t> state{running};
    // Its caller was cancelled: not started if not yet, else interrupted. The two flags meet
    // Dekker-style: either the worker sees `cancelled` before it starts the job, or the
    // caller sees `started` and interrupts it.
    std::atomic<bool> cancelled{false};
    std::atomic<bool> started{false};
    // A suspended caller's, set before it publishes `suspended`.
    std::optional<asio::any_completion_handler<void()>> handler;
    asio::any_io_executor executor;
    job* next = nullptr;
    bool posted = false;  // a posted_job, deleted once run
    bool last = false;

    // Resumes the suspended caller on its executor; it finds the job's failure in the job.
    void resume_caller() {
        auto h = std::move(*handler);
        handler.reset();
        auto ex = std::move(executor);
        asio::post(ex, [h = std::move(h)]() mutable { std::move(h)(); });
    }
};

struct sqlite_worker::posted_job : job {
    std::function<void()> fn;
};

void sqlite_worker::spin_lock::lock() noexcept {
    for (unsigned spins = 0; locked_.exchange(true, std::memory_order_acquire); ++spins) {
        while (locked_.load(std::memory_order_relaxed)) {
            cpu_relax();
            // The holder was preempted inside: let it run.
            if (++spins % 1024 == 0) std::this_thread::yield();
        }
    }
}

sqlite_worker::sqlite_worker() : thread_([this] { loop(); }) {}

sqlite_worker::~sqlite_worker() {
    stop();
    join();
}

void sqlite_worker::join() {
    if (!thread_.joinable()) return;
    // The last owner may be a job of this very thread.
    if (thread_.get_id() == std::this_thread::get_id())
        thread_.detach();
    else
        thread_.join();
}

void sqlite_worker::submit(job& j) {
    {
        std::lock_guard lock(lock_);
        if (tail_)
            tail_->next = &j;
        else
            head_ = &j;
        tail_ = &j;
    }
    // Paired with take(): either the worker sees the job, or this sees it asleep and wakes it.
    queued_.fetch_add(1, std::memory_order_seq_cst);
    if (sleeping_.load(std::memory_order_seq_cst)) queued_.notify_one();
}

sqlite_worker::job* sqlite_worker::take() {
    if (!poll_for(worker_poll, [this] { return queued_.load(std::memory_order_acquire) != 0; })) {
        sleeping_.store(true, std::memory_order_seq_cst);
        while (queued_.load(std::memory_order_seq_cst) == 0) queued_.wait(0, std::memory_order_seq_cst);
        sleeping_.store(false, std::memory_order_relaxed);
    }
    std::lock_guard lock(lock_);
    job* j = head_;
    head_ = j->next;
    if (!head_) tail_ = nullptr;
    queued_.fetch_sub(1, std::memory_order_relaxed);
    return j;
}

void sqlite_worker::loop() {
    for (;;) {
        job* j = take();
        // Any interrupt for the job before was sent before take() (under the lock, while that
        // job ran); one for this job only after `started`.
        if (j->forget) j->forget();
        j->started.store(true, std::memory_order_seq_cst);
        try {
            if (j->cancelled.load(std::memory_order_seq_cst))
                throw query_canceled("the statement was cancelled before it ran: nothing was done", {});
            j->work();
        } catch (...) {
            j->failure = std::current_exception();
        }
        if (j->posted) {
            const bool last = j->last;
            delete static_cast<posted_job*>(j);
            if (last) break;
        } else if (j->state.exchange(done, std::memory_order_acq_rel) == suspended) {
            // The caller suspended: it touches the job only once resumed.
            j->resume_caller();
        }  // else the caller, polling, takes it from here: the job is no longer this thread's
    }
    ended_.store(true, std::memory_order_release);
}

bool sqlite_worker::poll_until_done(job& j) {
    const auto finished = [&j] { return j.state.load(std::memory_order_acquire) == done; };
    if (skip_polls_ > 0) {
        --skip_polls_;
        return finished();
    }
    return poll_for(caller_poll, finished);
}

asio::awaitable<void> sqlite_worker::run(function_ref<void()> work, function_ref<void()> interrupt,
                                         function_ref<void()> forget) {
    // The job lives in this frame and the worker uses it until it ends: a caller cancelled
    // meanwhile must not leave before then (it throws at its next co_await after this one).
    const bool throwing = co_await asio::this_coro::throw_if_cancelled();
    co_await asio::this_coro::throw_if_cancelled(false);
    job j;
    j.work = work;
    j.interrupt = interrupt;
    j.forget = forget;
    submit(j);
    // Let the handlers ready on the event loop run first, while the job runs: coroutines
    // issued together queue their jobs behind this one (the worker runs them back to back)
    // instead of each waiting in turn behind a poll that holds the loop. Awaited alone, this
    // turn of the loop costs nothing the worker is not still busy with.
    co_await asio::post(asio::use_awaitable);
    if ((co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none) cancel(j);
    if (!poll_until_done(j)) {
        const auto suspended_at = std::chrono::steady_clock::now();
        co_await asio::async_initiate<const asio::use_awaitable_t<>, void()>(
            [this, &j](auto handler) {
                j.executor = asio::get_associated_executor(handler);
                j.handler.emplace(std::move(handler));
                // On the stored handler's slot: storing it took over the caller's. Cleared when
                // the caller resumes, so never called once the job is gone.
                auto slot = asio::get_associated_cancellation_slot(*j.handler);
                if (slot.is_connected()) slot.assign([this, &j](asio::cancellation_type) { cancel(j); });
                std::uint8_t expected = running;
                if (!j.state.compare_exchange_strong(expected, suspended, std::memory_order_acq_rel,
                                                     std::memory_order_acquire))
                    j.resume_caller();  // done meanwhile: the worker has left it to us
            },
            asio::use_awaitable);
        // A long job (not one that just missed the poll, the worker preempted): the next few
        // suspend at once.
        if (std::chrono::steady_clock::now() - suspended_at > long_job) skip_polls_ = polls_skipped_after_long_job;
    }
    co_await asio::this_coro::throw_if_cancelled(throwing);
    if (j.failure) std::rethrow_exception(std::move(j.failure));
}

void sqlite_worker::cancel(job& j) {
    if (j.cancelled.exchange(true, std::memory_order_seq_cst)) return;
    if (!j.interrupt || !j.started.load(std::memory_order_seq_cst)) return;
    // Under the queue's lock: the worker takes its next job only after, so an interrupt sent
    // for this job never reaches the statements of the next one.
    std::lock_guard lock(lock_);
    if (j.state.load(std::memory_order_acquire) != done) j.interrupt();
}

void sqlite_worker::post(std::function<void()> work, bool last) {
    auto* j = new posted_job;
    j->fn = std::move(work);
    j->work = j->fn;
    j->posted = true;
    j->last = last;
    stopping_ = stopping_ || last;
    submit(*j);
}

void sqlite_worker::stop() {
    if (!stopping_) post([] {}, true);
}

sqlite_workers::~sqlite_workers() {
    for (auto& w : workers_) w->stop();
    workers_.clear();  // each joins its thread
}

std::shared_ptr<sqlite_worker> sqlite_workers::start() {
    std::lock_guard lock(mutex_);
    std::erase_if(workers_, [](const std::shared_ptr<sqlite_worker>& w) { return w->ended(); });
    return workers_.emplace_back(std::make_shared<sqlite_worker>());
}

}  // namespace retort::async_detail
