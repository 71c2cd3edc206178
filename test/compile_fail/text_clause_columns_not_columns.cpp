// .columns() of SQL text given something that is not a column declaration.
// expect: retort: .columns() takes table columns or result_column<"name", sql_type>
#include <retort/retort.hpp>

void declare() {
    using namespace retort;
    (void)text_clause<"SELECT 1">().columns(42);
}
