// The consumers' table and statement, shared by main.cpp (library) and headers_only.cpp.
#pragma once
#include <retort/dsl.hpp>

struct visits_table : retort::table<visits_table, "visits"> {
    RETORT_COLUMN(id, retort::integer, retort::primary_key);
    RETORT_COLUMN(page, retort::varchar<100>, retort::not_null);
    RETORT_COLUMN(seconds, retort::integer);
};
inline constexpr visits_table visits;

// A constant: its text for each dialect exists before the program runs.
inline constexpr auto long_visits =
    retort::select(visits.page, visits.seconds).where(visits.seconds >= 30).order_by(visits.page);
