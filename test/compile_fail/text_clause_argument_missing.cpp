// SQL text whose :name parameter gets no value at execute().
// expect: retort: no value given for a :parameter of the SQL text; pass arg<"name"> = value to execute()
#include <retort/retort.hpp>

void older(retort::connection& conn) {
    using namespace retort;
    conn.execute(text_clause<"SELECT id FROM users WHERE age > :min_age AND age < :max_age">(), arg<"min_age"> = 20);
}
