// A value at execute() for a name the SQL text does not have (a typo: :min_age).
// expect: retort: an argument names no :parameter of the SQL text
#include <retort/retort.hpp>

void older(retort::connection& conn) {
    using namespace retort;
    conn.execute(text_clause<"SELECT id FROM users WHERE age > :min_age">(), arg<"min_age"> = 20, arg<"minage"> = 20);
}
