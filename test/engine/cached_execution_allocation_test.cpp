// The cached path allocates nothing: running a prepared statement again (no echo,
// no listener) costs SQLite's work and nothing of retort's. A program of its own,
// because it counts every operator new in the process.
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include <gtest/gtest.h>

#include <retort/engine/engine.hpp>

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
// The replacement pair is malloc/free underneath; g++ cannot see that.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace retort {
namespace {

TEST(cached_execution, allocates_nothing_on_sqlite) {
    auto engine = create_engine("sqlite://");
    auto conn = engine.connect();
    conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)");
    const std::string insert = "INSERT INTO t (name, score) VALUES (?, ?)";
    const std::string select = "SELECT id, name, score FROM t WHERE id = ?";
    const params_text_fn no_params;
    const std::string_view name = "a name longer than any small-string buffer";
    auto once = [&](std::int64_t i) {
        {
            auto s = conn.prepare(0, insert);
            s->bind_text(0, name);
            s->bind_double(1, 1.5);
            conn.run(*s, insert, no_params);
        }
        auto s = conn.prepare(1, select);
        s->bind_int(0, i);
        conn.run(*s, select, no_params);
        if (!s->next() || s->get_int(0) != i || s->get_text(1) != name) std::abort();
    };
    once(1);  // prepares and caches both statements
    const long before = allocations.load();
    for (std::int64_t i = 2; i < 200; ++i) once(i);
    EXPECT_EQ(allocations.load() - before, 0);
}

}  // namespace
}  // namespace retort
