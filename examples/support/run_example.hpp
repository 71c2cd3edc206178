#pragma once
// The main() of every example program: the database URL is argv[1] (a SQLite file in the
// working directory by default), and any exception ends the program with its message and
// exit code 1.
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

namespace examples {

template <class Body>
int run_example(int argc, char** argv, std::string_view default_url, Body&& body) {
    if (argc > 2) {
        std::cerr << "usage: " << argv[0] << " [DATABASE_URL]   (default: " << default_url << ")\n";
        return 2;
    }
    const std::string url = argc == 2 ? argv[1] : std::string(default_url);
    try {
        body(url);
        return 0;
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << argv[0] << ": FAILED: " << e.what() << '\n';
        return 1;
    }
}

// An in-memory SQLite database lives inside one connection of one engine.
inline bool in_memory(std::string_view url) {
    return url == "sqlite://" || url == "sqlite:///:memory:";
}

}  // namespace examples
