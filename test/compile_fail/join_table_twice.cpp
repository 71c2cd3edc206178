// A self-join written without an alias: employees appears twice in FROM.
// expect: retort: a table appears twice in FROM; join an alias of it: alias<"name">(table)
#include "schema.hpp"

using namespace app;

struct employees_table : table<employees_table, "employees"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(name, text, not_null);
    RETORT_COLUMN(manager_id, integer);
};
inline constexpr employees_table employees;

auto managers = employees.join(employees, employees.manager_id == employees.id);
