// After a migration changes a table, typed queries prepared before it still run on the same
// engine (the same pooled connection): PostgreSQL must not answer "cached plan must not
// change result type".
#include <retort/migrate/revision_file.hpp>
#include <retort/retort.hpp>

#include "migrate_fixture.hpp"

namespace retort::test {
namespace {

using namespace retort::migrate;

class statement_cache : public migrate_test {};

struct notes_v1 : retort::table<notes_v1, "notes"> {
    RETORT_COLUMN(id, retort::integer, retort::primary_key);
    RETORT_COLUMN(body, retort::varchar<20>, retort::not_null);
};
inline constexpr notes_v1 notes;

// A typed query prepared before an ALTER that changes its result column's type, run again on
// the same engine (same pooled connection) after it.
TEST_P(statement_cache, typed_queries_run_before_and_after_an_alter_on_the_same_engine) {
    auto engine = create_engine(url_, {.pool_size = 1, .max_overflow = 0});
    metadata{notes}.create_all(engine);
    auto conn = engine.connect();
    conn.execute(insert(notes).values(notes.id = 1, notes.body = "hello"));
    conn.commit();
    auto read = [&] {
        std::vector<std::string> out;
        for (const auto& row : conn.execute(select(notes.id, notes.body).order_by(notes.id))) out.push_back(row.body);
        conn.commit();
        return out;
    };
    EXPECT_EQ(read(), std::vector<std::string>{"hello"});
    if (!is_postgresql()) conn.dbapi().exec("PRAGMA foreign_keys = OFF");  // a rebuild, as the commands do
    {
        migrate::op o(conn, inspect(conn));
        o.alter_column("notes", "body", {.type = column_type{text{}}, .nullable = std::nullopt, .server_default = std::nullopt,
                                         .new_name = std::nullopt});
        conn.commit();
    }
    if (!is_postgresql()) conn.dbapi().exec("PRAGMA foreign_keys = ON");
    EXPECT_EQ(read(), std::vector<std::string>{"hello"});
}

RETORT_MIGRATE_BACKENDS(statement_cache);

}  // namespace
}  // namespace retort::test
