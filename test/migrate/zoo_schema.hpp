#pragma once
// Tables with one of everything the inspector and autogenerate know: the types, defaults
// (literal and expression), a unique column, a composite unique, a foreign key with ON
// DELETE, column and named indexes, a CHECK.
#include <retort/retort.hpp>

namespace zoo_schema {

struct owners_table : retort::table<owners_table, "owners"> {
    RETORT_COLUMN(id, retort::bigint, retort::primary_key);
    RETORT_COLUMN(login, retort::varchar<40>, retort::unique, retort::not_null);
    RETORT_COLUMN(score, retort::double_precision, retort::server_default(1.5));
    RETORT_COLUMN(active, retort::boolean, retort::not_null, retort::server_default(true));
    RETORT_COLUMN(created, retort::timestamp, retort::server_default(retort::current_timestamp));
    RETORT_COLUMN(price, (retort::numeric<10, 2>));
    RETORT_COLUMN(photo, retort::blob);
    RETORT_COLUMN(born, retort::date);
    RETORT_COLUMN(settings, retort::json);
    RETORT_COLUMN(level, retort::smallint, retort::index);
    RETORT_TABLE_ARGS(retort::check(self.level >= 0));
};
inline constexpr owners_table owners;

struct pets_table : retort::table<pets_table, "pets"> {
    RETORT_COLUMN(id, retort::integer, retort::primary_key);
    RETORT_COLUMN(owner_id, retort::bigint, retort::not_null,
                  retort::references(owners.id, {.on_delete = retort::fk_action::cascade}));
    RETORT_COLUMN(name, retort::text, retort::not_null, retort::server_default("rex"));
    RETORT_COLUMN(kind, retort::varchar<10>);
    RETORT_TABLE_ARGS(retort::unique(self.owner_id, self.name), retort::index_on<"ix_pets_kind_name">(self.kind, self.name));
};
inline constexpr pets_table pets;

inline constexpr retort::metadata zoo{owners, pets};

}  // namespace zoo_schema
