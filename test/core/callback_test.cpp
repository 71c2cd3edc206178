#include <retort/core/callback.hpp>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace {

using retort::callback;

TEST(Callback, EmptyByDefaultAndFromNull) {
    callback<void(int)> none;
    EXPECT_FALSE(none);
    EXPECT_TRUE(none == nullptr);
    callback<void(int)> from_null = nullptr;
    EXPECT_FALSE(from_null);
}

// As an empty std::function throws bad_function_call: an error, not a jump through null.
TEST(Callback, AnEmptyOneThrowsWhenCalled) {
    callback<int(int)> none;
    EXPECT_THROW(none(1), retort::invalid_request_error);
    std::function<int(int)> empty;
    callback<int(int)> from_empty = empty;
    EXPECT_THROW(from_empty(1), retort::invalid_request_error);
}

TEST(Callback, CallsALambdaWithItsArgumentsAndReturnsItsResult) {
    callback<std::string(std::string_view, int)> join = [](std::string_view s, int n) {
        return std::string(s) + std::to_string(n);
    };
    ASSERT_TRUE(join);
    EXPECT_EQ(join("row ", 7), "row 7");
}

TEST(Callback, ConvertsTheResultToItsOwnType) {
    callback<long(int)> twice = [](int n) -> short { return static_cast<short>(2 * n); };
    EXPECT_EQ(twice(21), 42L);
}

TEST(Callback, KeepsWhatTheLambdaCapturedAliveAfterTheLambdaIsGone) {
    callback<int()> read;
    {
        auto value = std::make_shared<int>(5);
        read = [value] { return *value; };
    }
    EXPECT_EQ(read(), 5);
}

TEST(Callback, CopiesAreCopiesAsStdFunctionsAre) {
    int calls = 0;
    callback<void()> count = [n = 0, &calls]() mutable { calls = ++n; };  // kept inside
    callback<void()> copy = count;
    count();
    count();
    copy();
    EXPECT_EQ(calls, 1);  // the copy's own counter
    count();
    EXPECT_EQ(calls, 3);

    std::string seen;
    const std::string big(100, 'x');
    callback<void()> heavy = [big, &seen] { seen += big.substr(0, 1); };  // on the heap
    callback<void()> heavy_copy = heavy;
    heavy = nullptr;  // the copy keeps its own callable
    heavy_copy();
    EXPECT_EQ(seen, "x");
}

TEST(Callback, MovedFromIsEmpty) {
    callback<int()> one = [] { return 1; };
    callback<int()> moved = std::move(one);
    EXPECT_EQ(moved(), 1);
    EXPECT_FALSE(one);  // NOLINT: the moved-from state is specified
    callback<int()> big = [s = std::string(64, 'y')] { return int(s.size()); };
    callback<int()> taken = std::move(big);
    EXPECT_EQ(taken(), 64);
    EXPECT_FALSE(big);  // NOLINT
    taken = moved;  // assignment copies
    EXPECT_EQ(taken(), 1);
}

TEST(Callback, TakesAStdFunctionAndAnEmptyOneStaysEmpty) {
    std::function<int(int)> square = [](int n) { return n * n; };
    callback<int(int)> from_function = square;
    ASSERT_TRUE(from_function);
    EXPECT_EQ(from_function(9), 81);

    std::function<int(int)> empty;
    callback<int(int)> from_empty = empty;
    EXPECT_FALSE(from_empty);
}

int negate(int n) { return -n; }

TEST(Callback, TakesAFunctionAndANullFunctionPointerStaysEmpty) {
    callback<int(int)> from_function = &negate;
    EXPECT_EQ(from_function(3), -3);
    callback<int(int)> from_name = negate;
    EXPECT_EQ(from_name(4), -4);
    int (*null_pointer)(int) = nullptr;
    callback<int(int)> from_null = null_pointer;
    EXPECT_FALSE(from_null);
}

TEST(Callback, LetsTheCallablesExceptionThrough) {
    callback<void()> fail = [] { throw std::runtime_error("listener failed"); };
    EXPECT_THROW(fail(), std::runtime_error);
}

TEST(Callback, CallsTheCallableWithoutCopyingItsArguments) {
    callback<void(std::string&)> append = [](std::string& s) { s += "!"; };
    std::string text = "done";
    append(text);
    EXPECT_EQ(text, "done!");
}

}  // namespace
