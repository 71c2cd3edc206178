// A dynamic condition declared over users given a condition on posts.
// expect: retort: the condition uses a table the dynamic condition was not declared with
#include "schema.hpp"

using namespace app;

void search() {
    auto filters = dynamic_and(users);
    filters.add(posts.title == "news");
}
