// A user's program: includes retort's public headers, links its library, and uses both: a
// table, a statement whose SQL text the compiler produced for each dialect, and that
// statement run on an in-memory SQLite database. check.py compares the whole output with
// the text test/meson.build expects.
#include <iostream>

#include <retort/retort.hpp>
#include <retort/version.hpp>

#include "visits.hpp"

using namespace retort;

int main() {
    std::cout << "retort " << retort::version() << '\n';
    std::cout << "postgresql: " << sql_text<postgresql>(long_visits) << '\n';
    std::cout << "sqlite: " << sql_text<sqlite>(long_visits) << '\n';

    auto engine = create_engine("sqlite://");
    metadata{visits}.create_all(engine);
    auto conn = engine.connect();
    conn.execute(insert(visits)
                     .values(visits.page = "/", visits.seconds = 12)
                     .values(visits.page = "/docs", visits.seconds = 95)
                     .values(visits.page = "/blog", visits.seconds = 40));
    conn.commit();
    for (const auto& row : conn.execute(long_visits)) std::cout << row.page << ' ' << row.seconds.value_or(0) << '\n';

    // Headers and library must agree on the version they were built from.
    return retort::version() == RETORT_VERSION_STRING ? 0 : 1;
}
