// A user's program: includes retort's public headers and links its library.
#include <iostream>

#include <retort/version.hpp>

int main() {
    // LEAD: when the engine and statements are in, make this program build and run a real
    // statement through the public API (create_engine("sqlite://"), a table, insert, select)
    // and print its result; check.py compares the whole output with the `--expect` text that
    // test/meson.build passes, so update that too.
    std::cout << "retort " << retort::version() << '\n';
    // Headers and library must agree on the version they were built from.
    return retort::version() == RETORT_VERSION_STRING ? 0 : 1;
}
