// The SQLite driver on its own: statement cache, binding, stepping, errors.
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <retort/core/errors.hpp>

#include "database_url.hpp"
#include "sqlite_connection.hpp"
#include "sqlite_error.hpp"
#include "support/postgres.hpp"

namespace retort::detail {
namespace {

std::unique_ptr<sqlite_connection> open_sqlite(std::string url) {
    return std::make_unique<sqlite_connection>(make_sqlite_config(parse_database_url(url)));
}

std::int64_t scalar(driver::connection& db, std::string_view sql) {
    auto s = db.prepare(driver::uncached, sql);
    s->execute();
    EXPECT_TRUE(s->next());
    return s->get_int(0);
}

std::string text_scalar(driver::connection& db, std::string_view sql) {
    auto s = db.prepare(driver::uncached, sql);
    s->execute();
    EXPECT_TRUE(s->next());
    return std::string(s->get_text(0));
}

TEST(sqlite_driver, foreign_keys_are_on) {
    auto db = open_sqlite("sqlite://");
    EXPECT_EQ(scalar(*db, "PRAGMA foreign_keys"), 1);
}

TEST(sqlite_driver, busy_timeout_from_the_url) {
    auto db = open_sqlite("sqlite://?timeout=0.25");
    EXPECT_EQ(scalar(*db, "PRAGMA busy_timeout"), 250);
    EXPECT_EQ(scalar(*open_sqlite("sqlite://"), "PRAGMA busy_timeout"), 5000);
}

TEST(sqlite_driver, cached_statement_is_reused_and_a_busy_one_is_not_disturbed) {
    auto db = open_sqlite("sqlite://");
    db->exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);");
    const std::string_view sql = "SELECT x FROM t ORDER BY x";
    driver::statement* first_address = nullptr;
    {
        auto first = db->prepare(7, sql);
        first_address = &*first;
        first->execute();
        ASSERT_TRUE(first->next());
        EXPECT_EQ(first->get_int(0), 1);
        // Same key while the first is still being read: a fresh statement, rows untouched.
        auto second = db->prepare(7, sql);
        EXPECT_NE(&*second, first_address);
        second->execute();
        ASSERT_TRUE(second->next());
        EXPECT_EQ(second->get_int(0), 1);
        ASSERT_TRUE(first->next());
        EXPECT_EQ(first->get_int(0), 2);
    }
    auto again = db->prepare(7, sql);
    EXPECT_EQ(&*again, first_address);
    again->execute();
    ASSERT_TRUE(again->next());
    EXPECT_EQ(again->get_int(0), 1) << "finish() must reset the cached statement";
}

TEST(sqlite_driver, sparse_keys_grow_the_cache) {
    auto db = open_sqlite("sqlite://");
    auto high = db->prepare(1000, "SELECT 1000");
    high->execute();
    ASSERT_TRUE(high->next());
    EXPECT_EQ(high->get_int(0), 1000);
    auto low = db->prepare(0, "SELECT 0");
    low->execute();
    ASSERT_TRUE(low->next());
    EXPECT_EQ(low->get_int(0), 0);
}

TEST(sqlite_driver, text_bound_without_copy_runs_before_the_text_dies) {
    auto db = open_sqlite("sqlite://");
    db->exec("CREATE TABLE t (s TEXT)");
    {
        auto insert = db->prepare(1, "INSERT INTO t VALUES (?)");
        std::string value = "first value";
        insert->bind_text(0, value);
        insert->execute();
        // The caller's buffer changes after execute(): the row must keep the old text.
        value.assign("XXXXXXXXXXX");
    }
    {
        // A statement with result columns copies: the rows outlive the bound text.
        auto select = db->prepare(2, "SELECT s, ? FROM t");
        {
            std::string param = "param text";
            select->bind_text(0, param);
            select->execute();
            std::memset(param.data(), 'Z', param.size());
        }
        ASSERT_TRUE(select->next());
        EXPECT_EQ(select->get_text(0), "first value");
        EXPECT_EQ(select->get_text(1), "param text");
    }
}

// execute_insert(): the step, both counts and the statement finished in one call; an INSERT
// that inserts nothing reports no id, a failing one throws and leaves the cached statement
// reusable.
TEST(sqlite_driver, execute_insert_reads_rowcount_and_id) {
    auto db = open_sqlite("sqlite://");
    db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER UNIQUE)");
    auto run = [&](std::int64_t x) {
        auto insert = db->prepare(1, "INSERT OR IGNORE INTO t (x) VALUES (?)");
        insert->bind_int(0, x);
        return insert.execute_insert();
    };
    const driver::inserted_row first = run(10);
    EXPECT_EQ(first.rowcount, 1);
    EXPECT_EQ(first.id, 1);
    EXPECT_EQ(run(20).id, 2);
    const driver::inserted_row ignored = run(10);
    EXPECT_EQ(ignored.rowcount, 0);
    EXPECT_EQ(ignored.id, 0);
    {
        auto strict = db->prepare(2, "INSERT INTO t (x) VALUES (?)");
        strict->bind_int(0, 20);
        EXPECT_THROW(strict.execute_insert(), unique_violation);
        EXPECT_TRUE(strict);  // (still held, finished when dropped)
    }
    EXPECT_EQ(run(30).id, 3);
    {
        auto unbound = db->prepare(2, "INSERT INTO t (x) VALUES (?)");
        EXPECT_THROW(unbound.execute_insert(), programming_error);
    }
}

// After execute_insert() the handle is empty: a cached statement is back in the cache, free to
// lend again, and an uncached one is deleted (the sanitizer build would report it leaked).
TEST(sqlite_driver, execute_insert_lets_the_statement_go) {
    auto db = open_sqlite("sqlite://");
    db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)");
    auto insert = db->prepare(1, "INSERT INTO t (x) VALUES (?)");
    driver::statement* const cached = &*insert;
    insert->bind_int(0, 10);
    EXPECT_EQ(insert.execute_insert().id, 1);
    EXPECT_FALSE(insert);
    EXPECT_FALSE(cached->busy());
    auto again = db->prepare(1, "INSERT INTO t (x) VALUES (?)");
    EXPECT_EQ(&*again, cached);
    again->bind_int(0, 20);
    EXPECT_EQ(again.execute_insert().id, 2);

    auto uncached = db->prepare(driver::uncached, "INSERT INTO t (x) VALUES (?)");
    uncached->bind_int(0, 30);
    EXPECT_EQ(uncached.execute_insert().rowcount, 1);
    EXPECT_FALSE(uncached);
    auto count = db->prepare(driver::uncached, "SELECT count(*), sum(x) FROM t");
    count->execute();
    ASSERT_TRUE(count->next());
    EXPECT_EQ(count->get_int(0), 3);
    EXPECT_EQ(count->get_int(1), 60);
}

// A cached statement still held when its connection goes (a result read after the connection
// closed) is left to its handle: finishing it deletes it (the sanitizer build would report a
// leak or a second deletion).
TEST(sqlite_driver, statement_held_past_its_connection) {
    auto db = open_sqlite("sqlite://");
    db->exec("CREATE TABLE t (x INTEGER)");
    auto select = db->prepare(1, "SELECT x FROM t");
    select->execute();
    EXPECT_FALSE(select->next());
    db.reset();
    select.reset();
    EXPECT_FALSE(select);
}

TEST(sqlite_driver, rows_affected_and_last_insert_id) {
    auto db = open_sqlite("sqlite://");
    db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)");
    auto insert = db->prepare(driver::uncached, "INSERT INTO t (x) VALUES (10), (20), (30)");
    insert->execute();
    EXPECT_EQ(insert->rows_affected(), 3);
    EXPECT_EQ(db->last_insert_id(), 3);
    auto update = db->prepare(driver::uncached, "UPDATE t SET x = x + 1 WHERE x > 15");
    update->execute();
    EXPECT_EQ(update->rows_affected(), 2);
    auto returning = db->prepare(driver::uncached, "DELETE FROM t WHERE x > 0 RETURNING id");
    returning->execute();
    int rows = 0;
    while (returning->next()) ++rows;
    EXPECT_EQ(rows, 3);
    EXPECT_EQ(returning->rows_affected(), 3);
    auto select = db->prepare(driver::uncached, "SELECT count(*) FROM t");
    select->execute();
    EXPECT_EQ(select->rows_affected(), 0);
}

TEST(sqlite_driver, transaction_state_and_reset) {
    auto db = open_sqlite("sqlite://");
    db->exec("CREATE TABLE t (x INTEGER)");
    EXPECT_FALSE(db->in_transaction());
    db->exec("BEGIN");
    db->exec("INSERT INTO t VALUES (1)");
    EXPECT_TRUE(db->in_transaction());
    db->reset();
    EXPECT_FALSE(db->in_transaction());
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM t"), 0);
    db->reset();  // nothing open: no error
}

// SQLite clears its own interrupt flag as a statement starts with none running; the driver's
// is kept until a statement fails with it, so an interrupt from another thread that comes just
// before the statement starts still stops it (the asynchronous engine's cancellation).
TEST(sqlite_driver, an_interrupt_sent_before_the_statement_starts_stops_it) {
    auto db = open_sqlite("sqlite://");
    // About 10^8 rows: seconds of work were it not stopped.
    const std::string_view long_count =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100000000) SELECT count(*) FROM c";
    db->interrupt();
    EXPECT_THROW(scalar(*db, long_count), query_canceled);
    // It stopped that statement only: the next ones run.
    EXPECT_EQ(scalar(*db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000) SELECT count(*) FROM c"),
              5000);
    // One that found nothing to stop is forgotten before new work.
    db->interrupt();
    db->forget_interrupt();
    EXPECT_EQ(scalar(*db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000) SELECT count(*) FROM c"),
              5000);
}

TEST(sqlite_driver, prepare_errors) {
    auto db = open_sqlite("sqlite://");
    try {
        db->prepare(3, "SELEC 1");
        FAIL() << "syntax error not reported";
    } catch (const programming_error& e) {
        EXPECT_EQ(e.sql(), "SELEC 1");
        EXPECT_EQ(e.code(), "1");
        EXPECT_NE(e.driver_message().find("syntax error (SQLITE_ERROR)"), std::string::npos) << e.driver_message();
    }
    EXPECT_THROW(db->prepare(driver::uncached, "SELECT 1; SELECT 2"), programming_error);
    EXPECT_NO_THROW(db->prepare(driver::uncached, "SELECT 1; -- trailing comment"));
    EXPECT_THROW(db->prepare(driver::uncached, "   "), programming_error);
    // A failed prepare leaves the cache slot empty: the next try prepares again.
    db->exec("CREATE TABLE later (x INTEGER)");
    EXPECT_THROW(db->prepare(4, "SELECT x FROM nowhere"), programming_error);
    EXPECT_NO_THROW(db->prepare(4, "SELECT x FROM later"));
}

TEST(sqlite_driver, bind_out_of_range_is_a_data_error) {
    auto db = open_sqlite("sqlite://");
    auto s = db->prepare(driver::uncached, "SELECT ?");
    EXPECT_THROW(s->bind_int(5, 1), data_error);
}

TEST(sqlite_driver, locked_database_is_database_locked) {
    const std::string path = retort::test::temp_sqlite_path();
    auto writer = open_sqlite("sqlite:///" + path);
    auto other = open_sqlite("sqlite:///" + path + "?timeout=0.05");
    writer->exec("CREATE TABLE t (x INTEGER)");
    writer->exec("BEGIN IMMEDIATE");
    writer->exec("INSERT INTO t VALUES (1)");
    try {
        other->exec("BEGIN IMMEDIATE");
        FAIL() << "second writer got the lock";
    } catch (const database_locked& e) {
        EXPECT_EQ(e.code(), std::to_string(SQLITE_BUSY));
        EXPECT_NE(e.driver_message().find("database is locked (SQLITE_BUSY)"), std::string::npos);
    }
    writer->reset();
}

TEST(sqlite_driver, file_databases_default_to_wal_and_the_url_can_say_otherwise) {
    const std::string path = retort::test::temp_sqlite_path();
    EXPECT_EQ(text_scalar(*open_sqlite("sqlite:///" + path), "PRAGMA journal_mode"), "wal");
    const std::string other = retort::test::temp_sqlite_path();
    EXPECT_EQ(text_scalar(*open_sqlite("sqlite:///" + other + "?journal_mode=DELETE"), "PRAGMA journal_mode"), "delete");
    EXPECT_EQ(text_scalar(*open_sqlite("sqlite://"), "PRAGMA journal_mode"), "memory");
}

// A reader that has read inside its transaction, then a writer's COMMIT on another
// connection: true when the COMMIT went through (the reader still sees its snapshot).
bool commit_beside_an_open_read(const std::string& options) {
    const std::string path = retort::test::temp_sqlite_path();
    auto reader = open_sqlite("sqlite:///" + path + "?timeout=0.05" + options);
    auto writer = open_sqlite("sqlite:///" + path + "?timeout=0.05" + options);
    writer->exec("CREATE TABLE t (x INTEGER)");
    reader->exec("BEGIN");
    EXPECT_EQ(scalar(*reader, "SELECT count(*) FROM t"), 0);
    writer->exec("BEGIN");
    writer->exec("INSERT INTO t VALUES (1)");
    bool committed = true;
    try {
        writer->exec("COMMIT");
        EXPECT_EQ(scalar(*reader, "SELECT count(*) FROM t"), 0);  // its snapshot
    } catch (const database_locked&) {
        committed = false;
    }
    reader->exec("COMMIT");
    if (!committed) writer->exec("COMMIT");
    EXPECT_EQ(scalar(*reader, "SELECT count(*) FROM t"), 1);
    return committed;
}

// The reason for WAL: a connection that has read inside its (autobegun) transaction does not
// keep another connection from committing; with a rollback journal the COMMIT waits for the
// reader, then gives up.
TEST(sqlite_driver, an_open_read_transaction_does_not_block_another_commit) {
    EXPECT_TRUE(commit_beside_an_open_read(""));
    EXPECT_FALSE(commit_beside_an_open_read("&journal_mode=delete"));
}

TEST(sqlite_driver, read_only_mode) {
    const std::string path = retort::test::temp_sqlite_path();
    open_sqlite("sqlite:///" + path)->exec("CREATE TABLE t (x INTEGER)");
    auto reader = open_sqlite("sqlite:///" + path + "?mode=ro");
    EXPECT_EQ(scalar(*reader, "SELECT count(*) FROM t"), 0);
    EXPECT_THROW(reader->exec("INSERT INTO t VALUES (1)"), operational_error);
}

// A file another connection is reading cannot change its journal mode (that needs an exclusive
// lock): the default URL opens it in the mode it has, instead of failing the connect after the
// busy timeout. A mode the URL asks for is still required.
TEST(sqlite_driver, a_file_being_read_opens_in_its_journal_mode) {
    const std::string path = retort::test::temp_sqlite_path();
    auto reader = open_sqlite("sqlite:///" + path + "?journal_mode=delete");
    reader->exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
    reader->exec("BEGIN");
    EXPECT_EQ(scalar(*reader, "SELECT count(*) FROM t"), 1);  // holds its shared lock

    auto opened = open_sqlite("sqlite:///" + path + "?timeout=0.2");
    EXPECT_EQ(text_scalar(*opened, "PRAGMA journal_mode"), "delete");
    EXPECT_EQ(scalar(*opened, "SELECT count(*) FROM t"), 1);
    EXPECT_THROW(open_sqlite("sqlite:///" + path + "?timeout=0.2&journal_mode=wal"), cannot_connect);

    reader->exec("COMMIT");
    EXPECT_EQ(text_scalar(*open_sqlite("sqlite:///" + path), "PRAGMA journal_mode"), "wal");
}

TEST(sqlite_driver, a_wal_file_opens_while_another_connection_writes) {
    const std::string path = retort::test::temp_sqlite_path();
    auto writer = open_sqlite("sqlite:///" + path);
    writer->exec("CREATE TABLE t (x INTEGER)");
    writer->exec("BEGIN IMMEDIATE");
    writer->exec("INSERT INTO t VALUES (1)");
    auto opened = open_sqlite("sqlite:///" + path + "?timeout=0.2");
    EXPECT_EQ(scalar(*opened, "SELECT count(*) FROM t"), 0);
    writer->exec("COMMIT");
    EXPECT_EQ(scalar(*opened, "SELECT count(*) FROM t"), 1);
}

// A write-protected file opens for reading with the default URL, as in SQLAlchemy. Root may
// write anything, so the check runs in a child process as an account that may not.
TEST(sqlite_driver, a_write_protected_file_opens_for_reading) {
    const std::string path = retort::test::temp_sqlite_path();
    open_sqlite("sqlite:///" + path + "?journal_mode=delete")->exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);");
    const std::string dir = path.substr(0, path.rfind('/')), temp_root = dir.substr(0, dir.rfind('/'));
    const bool root = geteuid() == 0;
    ASSERT_EQ(chmod(path.c_str(), 0444), 0);
    ASSERT_EQ(chmod(dir.c_str(), root ? 0755 : 0555), 0);  // no journal can be made beside it either
    if (root) {
        ASSERT_EQ(chmod(temp_root.c_str(), 0711), 0);  // the other account may pass through
    }
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        if (root && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(10);
        try {
            auto db = open_sqlite("sqlite:///" + path);
            if (scalar(*db, "SELECT x FROM t") != 7) _exit(11);
            try {
                db->exec("INSERT INTO t VALUES (8)");
                _exit(12);
            } catch (const operational_error&) {  // SQLITE_READONLY
            }
            _exit(0);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
            _exit(13);
        }
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    if (root) chmod(temp_root.c_str(), 0700);
    chmod(dir.c_str(), 0700);
    chmod(path.c_str(), 0644);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "10: could not drop privileges, 11: wrong value read, 12: the write "
                                         "succeeded, 13: the file did not open for reading";
}

TEST(sqlite_driver, cannot_open) {
    EXPECT_THROW(open_sqlite("sqlite:////no/such/directory/x.db"), cannot_connect);
    EXPECT_THROW(open_sqlite("sqlite:///" + retort::test::temp_sqlite_path() + "?mode=rw"), cannot_connect);
}

TEST(sqlite_driver, not_a_database_is_cannot_connect) {
    const std::string path = retort::test::temp_sqlite_path();
    {
        FILE* f = std::fopen(path.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        const std::string junk(4096, 'j');
        std::fwrite(junk.data(), 1, junk.size(), f);
        std::fclose(f);
    }
    try {
        open_sqlite("sqlite:///" + path);
        FAIL() << "a junk file opened as a database";
    } catch (const cannot_connect& e) {
        EXPECT_EQ(e.code(), std::to_string(SQLITE_NOTADB));
        EXPECT_NE(e.driver_message().find("SQLITE_NOTADB"), std::string::npos);
    }
}

TEST(sqlite_driver, code_names) {
    EXPECT_EQ(sqlite_code_name(SQLITE_CONSTRAINT_UNIQUE), "SQLITE_CONSTRAINT_UNIQUE");
    EXPECT_EQ(sqlite_code_name(SQLITE_BUSY), "SQLITE_BUSY");
    EXPECT_EQ(sqlite_code_name(SQLITE_IOERR_SHORT_READ), "SQLITE_IOERR_SHORT_READ");
    EXPECT_EQ(sqlite_code_name(123456), "SQLITE_UNKNOWN");
}

TEST(sqlite_driver, close_is_idempotent) {
    auto db = open_sqlite("sqlite://");
    auto cached = db->prepare(1, "SELECT 1");
    cached.reset();
    db->close();
    EXPECT_TRUE(db->closed());
    EXPECT_FALSE(db->ping());
    EXPECT_FALSE(db->in_transaction());
    db->close();
}

}  // namespace
}  // namespace retort::detail
