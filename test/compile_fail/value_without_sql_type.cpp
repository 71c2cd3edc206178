// A value of a C++ type that has no SQL type.
// expect: retort: this C++ type has no SQL type (use integers, floating point, bool, strings, decimal, std::chrono dates/times, blob_value, json_text or std::optional of them)
#include "schema.hpp"

using namespace app;

struct money {
    long cents;
};

auto rich = select(accounts).where(accounts.balance > money{100000});
