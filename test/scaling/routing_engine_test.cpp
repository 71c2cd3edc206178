// The routing engine on a real primary and its streaming hot-standby replica: reads reach the
// replica, writes and transactions the primary; a stopped replica is skipped without a failed
// read, and used again once it is back and caught up.
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <retort/retort.hpp>

#include "scaling_tables.hpp"
#include "support/postgres.hpp"
#include "support/standby_servers.hpp"

namespace retort::test {
namespace {

using namespace std::chrono_literals;

constexpr auto in_recovery = text_clause<"SELECT pg_is_in_recovery() AS r">().columns(result_column<"r", boolean>);
constexpr auto lag_ms = text_clause<
    "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 ELSE 1 END AS behind">()
                            .columns(result_column<"behind", integer>);

// Bounded wait for a real condition: `done()` true within 60 s (each try is a round trip).
template <class F>
bool eventually(F done) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

// The replica has this process's database, the table, and everything the primary wrote (the insert
// position: with synchronous_commit off a commit may still wait in the WAL buffers).
void wait_for_replica(const std::string& primary_url, const std::string& replica_url) {
    auto primary = create_engine(primary_url, {.pool_size = 1});
    auto conn = primary.connect();
    const auto lsn = conn.scalar(text_clause<"SELECT pg_current_wal_insert_lsn()::text AS l">().columns(
        result_column<"l", text>));
    conn.close();
    ASSERT_TRUE(lsn);
    auto replica = create_engine(replica_url, {.pool_size = 1, .connect_timeout = 5});
    const bool caught_up = eventually([&] {
        try {
            auto r = replica.connect();
            return r.scalar(text_clause<"SELECT pg_last_wal_replay_lsn() >= CAST(:l AS pg_lsn) AS ok">().columns(
                                result_column<"ok", boolean>),
                            arg<"l"> = *lsn)
                .value_or(false);
        } catch (const operational_error&) {
            return false;
        }
    });
    ASSERT_TRUE(caught_up) << "the replica did not replay up to " << *lsn << " within 60 s";
}

class routing : public ::testing::Test {
protected:
    void SetUp() override {
        RETORT_REQUIRE_POSTGRES(url);
        RETORT_REQUIRE_STANDBY(replica, "RETORT_TEST_PG_REPLICA_URL");
        primary_url = url;
        replica_url = replica;
        auto setup = create_engine(primary_url);
        metadata{notes}.drop_all(setup);
        metadata{notes}.create_all(setup);
        setup.dispose();
        ASSERT_NO_FATAL_FAILURE(wait_for_replica(primary_url, replica_url));
    }
    std::string primary_url, replica_url;
};

TEST_F(routing, reads_reach_the_replica_and_writes_the_primary) {
    auto db = create_routing_engine(primary_url, {replica_url}, {.recheck_interval = 200ms});
    auto session = db.connect();
    EXPECT_EQ(session.execute_read_only(in_recovery).scalar(), true);
    EXPECT_EQ(session.last_route(), route::replica);

    session.execute(insert(notes).values(notes.id = 1, notes.body = "written"));
    EXPECT_EQ(session.last_route(), route::primary);
    // Inside the write's transaction the read goes to the primary, and sees the row.
    EXPECT_TRUE(session.in_transaction());
    EXPECT_EQ(session.execute(select(notes.body).where(notes.id == 1)).scalar(), "written");
    EXPECT_EQ(session.last_route(), route::primary);
    EXPECT_EQ(session.primary().scalar(in_recovery), false);
    session.commit();

    // Committed: the replica has it once it replays that far.
    ASSERT_NO_FATAL_FAILURE(wait_for_replica(primary_url, replica_url));
    EXPECT_EQ(session.execute(select(notes.body).where(notes.id == 1)).scalar(), "written");
    EXPECT_EQ(session.last_route(), route::replica);
}

TEST_F(routing, locking_reads_and_text_go_to_the_primary) {
    auto db = create_routing_engine(primary_url, {replica_url});
    auto session = db.connect();
    session.execute(select(notes.id).with_for_update()).all();
    EXPECT_EQ(session.last_route(), route::primary);
    session.rollback();
    EXPECT_EQ(session.execute(in_recovery).scalar(), false);  // unmarked text: the primary
    EXPECT_EQ(session.last_route(), route::primary);
    session.rollback();
    EXPECT_EQ(session.execute_read_only(in_recovery).scalar(), true);
    EXPECT_EQ(session.last_route(), route::replica);
}

TEST_F(routing, transactions_run_on_the_primary) {
    auto db = create_routing_engine(primary_url, {replica_url});
    const auto seen = db.transaction([](routing_session& s) {
        s.execute(insert(notes).values(notes.id = 2, notes.body = "in a transaction"));
        const bool recovery = *s.execute(in_recovery).scalar();
        EXPECT_EQ(s.execute(select(notes.body).where(notes.id == 2)).scalar(), "in a transaction");
        return recovery;
    });
    EXPECT_FALSE(seen);
}

TEST_F(routing, a_write_pins_the_session_to_the_primary_for_a_while) {
    auto db = create_routing_engine(primary_url, {replica_url}, {.primary_after_write = 1h});
    auto session = db.connect();
    session.execute(insert(notes).values(notes.id = 3, notes.body = "pinned"));
    session.commit();
    // Not yet on the replica, perhaps: the session keeps reading from the primary.
    EXPECT_EQ(session.execute(select(notes.body).where(notes.id == 3)).scalar(), "pinned");
    EXPECT_EQ(session.last_route(), route::primary);
    EXPECT_FALSE(session.in_transaction());  // a read on the primary opens no transaction there
    // Another session is not pinned.
    auto other = db.connect();
    EXPECT_EQ(other.execute_read_only(in_recovery).scalar(), true);
}

TEST_F(routing, a_stopped_replica_is_skipped_and_used_again_once_back) {
    auto db = create_routing_engine(primary_url, {replica_url}, {.recheck_interval = 100ms});
    auto session = db.connect();
    ASSERT_EQ(session.execute_read_only(in_recovery).scalar(), true);

    stop_replica();
    struct restart_at_exit {
        ~restart_at_exit() {
            try {
                start_replica();
            } catch (const std::exception&) {
            }
        }
    } restart;
    // The session's replica connection is dead: its read runs again on the primary, no error.
    int failed = 0;
    for (int i = 0; i < 20; ++i) {
        try {
            EXPECT_EQ(session.execute_read_only(in_recovery).scalar(), false);
            EXPECT_EQ(session.last_route(), route::primary);
        } catch (const std::exception& e) {
            ++failed;
            ADD_FAILURE() << "read " << i << " failed: " << e.what();
        }
    }
    EXPECT_EQ(failed, 0);
    // A new session does not try the replica while it is down.
    auto fresh = db.connect();
    EXPECT_EQ(fresh.execute_read_only(in_recovery).scalar(), false);
    EXPECT_FALSE(db.replica_healthy(0));

    start_replica();
    // Healthy again once its check passes (connects, caught up): bounded wait on that.
    ASSERT_TRUE(eventually([&] { return db.replica_healthy(0); })) << "the replica was not used again within 60 s";
    EXPECT_EQ(session.execute_read_only(in_recovery).scalar(), true);
    EXPECT_EQ(session.last_route(), route::replica);
}

TEST_F(routing, a_replica_lagging_past_the_bound_is_skipped) {
    // Replay paused on the replica while the primary writes: the replica falls behind.
    auto replica = create_engine(replica_url, {.pool_size = 1});
    auto control = replica.connect();
    control.exec_driver_sql("SELECT pg_wal_replay_pause()");
    control.commit();
    struct resume_at_exit {
        connection& c;
        ~resume_at_exit() {
            try {
                c.exec_driver_sql("SELECT pg_wal_replay_resume()");
                c.commit();
            } catch (const std::exception&) {
            }
        }
    } resume{control};
    {
        auto primary = create_engine(primary_url, {.pool_size = 1});
        auto conn = primary.connect();
        conn.execute(insert(notes).values(notes.id = 4, notes.body = "behind"));
        conn.commit();
    }
    // Received but not replayed: lag is now - the last replayed transaction's time.
    ASSERT_TRUE(eventually([&] {
        auto c = replica.connect();
        return c.scalar(lag_ms).value_or(0) == 1;
    }));
    auto db = create_routing_engine(primary_url, {replica_url}, {.max_replica_lag = 0ms, .recheck_interval = 100ms});
    EXPECT_FALSE(db.replica_healthy(0));
    auto session = db.connect();
    EXPECT_EQ(session.execute(select(notes.body).where(notes.id == 4)).scalar(), "behind");  // from the primary
    EXPECT_EQ(session.last_route(), route::primary);
}

TEST(routing_engine, without_healthy_replicas_reads_go_to_the_primary) {
    RETORT_REQUIRE_POSTGRES(url);
    // A replica whose server does not exist: skipped, and the read served by the primary.
    auto db = create_routing_engine(url, {"postgresql://postgres@/postgres?host=/nonexistent-retort-socket"},
                                    {.engine = {.connect_timeout = 2}});
    auto session = db.connect();
    EXPECT_EQ(session.execute_read_only(in_recovery).scalar(), false);
    EXPECT_EQ(session.last_route(), route::primary);
    EXPECT_FALSE(db.replica_healthy(0));
}

TEST(routing_engine, read_only_statement_follows_the_statement_type) {
    static_assert(read_only_statement<decltype(select(notes.id))>);
    static_assert(read_only_statement<decltype(select(notes.id).union_all(select(notes.id)))>);
    static_assert(!read_only_statement<decltype(select(notes.id).with_for_update())>);
    static_assert(!read_only_statement<decltype(select(notes.id).with_for_share())>);
    static_assert(!read_only_statement<decltype(insert(notes).values(notes.id = 1, notes.body = "x"))>);
    static_assert(!read_only_statement<decltype(update(notes).set(notes.body = "y").where(notes.id == 1))>);
    static_assert(!read_only_statement<decltype(delete_from(notes).where(notes.id == 1))>);
    static_assert(!read_only_statement<decltype(text_clause<"SELECT 1">())>);
    SUCCEED();
}

}  // namespace
}  // namespace retort::test
