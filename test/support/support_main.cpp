// main() of support_tests: a child role when asked for one (see child_role.hpp), else the tests.
#include <gtest/gtest.h>

#include "child_role.hpp"

int main(int argc, char** argv) {
    if (auto exit_code = retort::test::play_child_role(argc, argv)) return *exit_code;
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
