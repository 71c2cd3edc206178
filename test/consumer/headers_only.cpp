// A user's program that takes only the header-only DSL (retort-headers, retort::headers): a
// table and a statement's SQL text for each dialect, made by the compiler. It links no
// library, so it cannot call retort::version(): the headers' version macro is all it has.
#include <iostream>

#include <retort/dsl.hpp>
#include <retort/version.hpp>

#include "visits.hpp"

int main() {
    std::cout << "retort-headers " << RETORT_VERSION_STRING << '\n';
    std::cout << "postgresql: " << retort::sql_text<retort::postgresql>(long_visits) << '\n';
    std::cout << "sqlite: " << retort::sql_text<retort::sqlite>(long_visits) << '\n';
}
