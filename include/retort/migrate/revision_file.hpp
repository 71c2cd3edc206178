#pragma once
// What a revision file includes: the operations, the revision record and retort's SQL types
// (a revision names column types as table declarations do: varchar<50>{}).
#include <optional>

#include <retort/migrate/op.hpp>
#include <retort/migrate/revision.hpp>
#include <retort/schema/constraints.hpp>
#include <retort/schema/sql_types.hpp>
