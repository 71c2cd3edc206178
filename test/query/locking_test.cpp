// Row locks: FOR UPDATE, FOR SHARE, NOWAIT, SKIP LOCKED. On PostgreSQL two connections show
// the locks at work; SQLite has no row locks, so a plain FOR UPDATE is left out of its text
// (the write transaction locks the database) and NOWAIT / SKIP LOCKED are not supported.
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "query/query_fixture.hpp"

namespace {

using namespace retort;
using namespace retort::query_schema;

// The queue pattern: take the first job nobody else holds.
constexpr auto next_job =
    select(jobs.id).where(jobs.state == "queued").order_by(jobs.id).limit(1).with_for_update(lock::skip_locked);
static_assert(sql_text<postgresql>(next_job) ==
              R"(SELECT "jobs"."id" FROM "jobs" WHERE "jobs"."state" = $1 ORDER BY "jobs"."id" ASC LIMIT $2 FOR UPDATE SKIP LOCKED)");
static_assert(!statement_text<sqlite, std::remove_cvref_t<decltype(next_job)>>::supported);
static_assert(statement_text<sqlite, std::remove_cvref_t<decltype(next_job)>>::unsupported == "FOR UPDATE SKIP LOCKED");

constexpr auto job_now = select(jobs.id, jobs.state).where(jobs.id == 1).with_for_update(lock::nowait);
static_assert(sql_text<postgresql>(job_now) ==
              R"(SELECT "jobs"."id", "jobs"."state" FROM "jobs" WHERE "jobs"."id" = $1 FOR UPDATE NOWAIT)");
static_assert(statement_text<sqlite, std::remove_cvref_t<decltype(job_now)>>::unsupported == "FOR UPDATE NOWAIT");

constexpr auto job_locked = select(jobs.state).where(jobs.id == 1).with_for_update();
static_assert(sql_text<postgresql>(job_locked) == R"(SELECT "jobs"."state" FROM "jobs" WHERE "jobs"."id" = $1 FOR UPDATE)");
static_assert(sql_text<sqlite>(job_locked) == R"(SELECT "jobs"."state" FROM "jobs" WHERE "jobs"."id" = ?)");

constexpr auto job_shared = select(jobs.state).where(jobs.id == 1).with_for_share();
static_assert(sql_text<postgresql>(job_shared) == R"(SELECT "jobs"."state" FROM "jobs" WHERE "jobs"."id" = $1 FOR SHARE)");
static_assert(sql_text<sqlite>(job_shared) == R"(SELECT "jobs"."state" FROM "jobs" WHERE "jobs"."id" = ?)");
constexpr auto shared_now = select(jobs.state).where(jobs.id == 1).with_for_share(lock::nowait);
static_assert(sql_text<postgresql>(shared_now) == R"(SELECT "jobs"."state" FROM "jobs" WHERE "jobs"."id" = $1 FOR SHARE NOWAIT)");

// With a join: the lock comes last.
constexpr auto locked_join = select(users.username, posts.title).select_from(users.join(posts)).where(posts.id == 1).with_for_update();
static_assert(sql_text<postgresql>(locked_join) ==
              R"(SELECT "users"."username", "posts"."title" FROM "users" JOIN "posts" ON "users"."id" = "posts"."user_id" WHERE "posts"."id" = $1 FOR UPDATE)");

class locking_test : public retort::test::query_test {
protected:
    void SetUp() override {
        query_test::SetUp();
        if (IsSkipped() || HasFailure()) return;
        auto conn = db.connect();
        for (int id : {1, 2, 3}) conn.execute(insert(jobs).values(jobs.id = id, jobs.state = "queued"));
        conn.commit();
    }
};
RETORT_ALL_BACKENDS(locking_test);

TEST_P(locking_test, skip_locked_hands_each_worker_another_row) {
    auto first = db.connect();
    if (!is_postgresql()) {
        EXPECT_THROW(first.execute(next_job), not_supported_error);
        return;
    }
    auto second = db.connect();
    EXPECT_EQ(first.execute(next_job).scalar_one(), 1);   // locks job 1 until first ends its transaction
    EXPECT_EQ(second.execute(next_job).scalar_one(), 2);  // job 1 is skipped, not waited for
    first.execute(update(jobs).set(jobs.state = "running").where(jobs.id == 1));
    first.commit();
    second.rollback();
    // job 1 is running now, job 2 free again
    EXPECT_EQ(second.execute(next_job).scalar_one(), 2);
}

TEST_P(locking_test, nowait_raises_instead_of_waiting) {
    auto first = db.connect();
    if (!is_postgresql()) {
        EXPECT_THROW(first.execute(job_now), not_supported_error);
        return;
    }
    auto second = db.connect();
    EXPECT_EQ(first.execute(job_locked).scalar_one(), "queued");
    try {
        second.execute(job_now).all();
        ADD_FAILURE() << "FOR UPDATE NOWAIT on a locked row did not raise";
    } catch (const operational_error& e) {
        EXPECT_EQ(e.code(), "55P03");  // lock_not_available
        EXPECT_NE(e.sql().find("FOR UPDATE NOWAIT"), std::string::npos);
        EXPECT_EQ(e.params(), (std::vector<std::string>{"1"}));
    }
    second.rollback();
    first.rollback();
    // released: the same statement now locks the row
    const auto row = second.execute(job_now).one();
    EXPECT_EQ(row.state, "queued");
}

TEST_P(locking_test, share_locks_block_update_locks_but_not_each_other) {
    auto first = db.connect();
    EXPECT_EQ(first.execute(job_shared).scalar_one(), "queued");
    if (!is_postgresql()) {
        // SQLite: no row lock in the text, the statement simply reads
        EXPECT_EQ(first.execute(job_locked).scalar_one(), "queued");
        EXPECT_THROW(first.execute(shared_now), not_supported_error);
        return;
    }
    auto second = db.connect();
    EXPECT_EQ(second.execute(shared_now).scalar_one(), "queued");  // shared with shared: fine
    second.rollback();
    EXPECT_THROW(second.execute(job_now).all(), operational_error);  // shared with update: refused
    second.rollback();
    first.commit();
    EXPECT_EQ(second.execute(job_now).one().id, 1);
}

TEST_P(locking_test, for_update_over_a_join) {
    seed_blog();
    auto conn = db.connect();
    const auto row = conn.execute(locked_join).one();
    EXPECT_EQ(row.username, "alice");
    EXPECT_EQ(row.title, "a1");
}

}  // namespace
