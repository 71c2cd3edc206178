// varchar<N> on SQLite: the CHECK retort creates counts what PostgreSQL counts (characters)
// and does not stop at an embedded NUL, as SQLite's length() does.
#include <string>

#include <gtest/gtest.h>

#include "expr/sample_data.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;

class varchar_length : public retort::test::sample_data_test {
protected:
    // The message of the data_error `run` throws (a failure if it throws nothing or another error).
    template <class Run>
    static std::string data_error_of(Run&& run) {
        try {
            run();
        } catch (const data_error& e) {
            return e.what();
        } catch (const std::exception& e) {
            ADD_FAILURE() << "not a data_error: " << e.what();
            return {};
        }
        ADD_FAILURE() << "no data_error";
        return {};
    }
};
RETORT_ALL_BACKENDS(varchar_length);

#define EXPECT_HAS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)

TEST_P(varchar_length, counts_characters_and_does_not_stop_at_a_nul) {
    using namespace std::string_literals;
    const auto add = [&](const std::string& name) {
        conn->execute(insert(users).values(users.username = name, users.email = "x@example.com"));
        conn->commit();
    };
    // 60 bytes for a varchar<50>, a NUL after the first 10 (SQLite's length() stopped there)
    const std::string sixty = std::string(10, 'a') + '\0' + std::string(49, 'b');
    EXPECT_HAS(data_error_of([&] { add(sixty); }), is_postgresql() ? "NUL character" : "users_username_varchar_length");
    conn->rollback();
    // characters, not bytes: 50 two-byte characters fit, 51 do not (as PostgreSQL counts)
    std::string fifty;
    for (int i = 0; i < 50; ++i) fifty += "\xc3\xa9";
    add(fifty);
    EXPECT_HAS(data_error_of([&] { add(fifty + "\xc3\xa9"); }), is_postgresql() ? "too long" : "users_username_varchar_length");
    conn->rollback();
    if (!is_postgresql()) {
        // SQLite keeps a NUL: a value holding one is measured in bytes (PostgreSQL cannot store it at all).
        const std::string fifty_bytes = "a\0"s + std::string(48, 'c');
        add(fifty_bytes);
        EXPECT_HAS(data_error_of([&] { add(fifty_bytes + "c"); }), "users_username_varchar_length");
        conn->rollback();
        EXPECT_EQ(conn->execute(select(users.username).where(users.username == fifty_bytes)).scalar_one(), fifty_bytes);
    }
    EXPECT_EQ(conn->execute(select(users.username).where(users.username == fifty)).scalar_one(), fifty);
}

}  // namespace
