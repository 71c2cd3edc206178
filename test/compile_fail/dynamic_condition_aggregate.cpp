// An aggregate added to a dynamic WHERE.
// expect: retort: aggregate functions are not allowed in a dynamic WHERE
#include "schema.hpp"

using namespace app;

void search() {
    auto filters = dynamic_and(posts);
    filters.add(count(posts.id) > 5);
}
