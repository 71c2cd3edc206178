// CAST(boolean AS DATE): PostgreSQL has no such cast ("cannot cast type boolean to date").
// expect: retort: PostgreSQL has no cast between these types (such as timestamp to integer or boolean to date); convert with a function, or cast to text
#include "schema.hpp"

using namespace app;

constexpr auto opened = select(cast<date>(accounts.active));
