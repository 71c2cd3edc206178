#include <retort/core/function_ref.hpp>

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

using retort::function_ref;

int call_with_five(function_ref<int(int)> f) { return f(5); }

TEST(FunctionRef, CallsTheCallableItRefersTo) {
    int offset = 10;
    EXPECT_EQ(call_with_five([&](int n) { return n + offset; }), 15);
}

TEST(FunctionRef, RefersWithoutCopying) {
    std::vector<std::string> seen;
    auto record = [&](std::string s) { seen.push_back(std::move(s)); return true; };
    function_ref<bool(std::string)> ref = record;
    EXPECT_TRUE(ref("a"));
    EXPECT_TRUE(ref("b"));
    EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));
}

TEST(FunctionRef, EmptyByDefault) {
    function_ref<void()> none;
    EXPECT_FALSE(none);
    function_ref<void()> some = [] {};
    EXPECT_TRUE(some);
}

}  // namespace
