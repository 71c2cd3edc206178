// The same :name given two values at execute().
// expect: retort: an argument of the SQL text is given twice
#include <retort/retort.hpp>

void older(retort::connection& conn) {
    using namespace retort;
    conn.execute(text_clause<"SELECT id FROM users WHERE age > :min_age">(), arg<"min_age"> = 20, arg<"min_age"> = 30);
}
