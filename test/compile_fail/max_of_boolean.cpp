// max() of a boolean: PostgreSQL has no ordering of booleans for it (bool_or is meant).
// expect: retort: min() and max() need an ordered type; boolean and json have no ordering (for booleans use bool_and/bool_or)
#include "schema.hpp"

using namespace app;

constexpr auto any_active = select(max(accounts.active).as<"any">());
