// A server_default whose value has no SQL literal (a date).
// expect: retort: this value has no SQL literal form; use server_default(raw_sql(...))
#include <chrono>

#include "schema.hpp"

using namespace app;

struct events_table : table<events_table, "events"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(day, date, not_null, server_default(date_value{std::chrono::year{2024} / 1 / 1}));
};
inline constexpr events_table events;

auto ddl = metadata<events_table>::create_statements<postgresql>();
