#pragma once
// A column's SQL type at run time: what migration operations carry and what the inspector
// reads back from a database. Made from retort's SQL types (column_type{varchar<50>{}}), so
// a revision says the same type names as a table declaration; rendered per dialect with
// those types' own DDL spelling.
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <retort/core/rule.hpp>
#include <retort/render/dialect.hpp>
#include <retort/schema/sql_types.hpp>

namespace retort::migrate {

class column_type {
public:
    enum class kind : unsigned char {
        smallint, integer, bigint, real, double_precision, boolean, text, varchar, numeric,
        date, time_of_day, timestamp, blob, json,
        other  // a type retort does not name: kept as the database spells it
    };

    column_type() = default;
    template <sql_type T>
    column_type(T) : column_type(of<T>()) {}

    static column_type varchar_of(std::size_t length) { return column_type(kind::varchar, length, 0, 0, {}); }
    static column_type numeric_of(int precision, int scale) {
        return column_type(kind::numeric, 0, precision, scale, {});
    }
    // SQL text for a type retort has no name for (spliced into DDL as is).
    static column_type raw(std::string sql) { return column_type(kind::other, 0, 0, 0, std::move(sql)); }

    kind type_kind() const noexcept { return kind_; }
    std::size_t length() const noexcept { return length_; }
    int precision() const noexcept { return precision_; }
    int scale() const noexcept { return scale_; }
    const std::string& raw_sql() const noexcept { return raw_; }
    bool is_integer() const noexcept {
        return kind_ == kind::smallint || kind_ == kind::integer || kind_ == kind::bigint;
    }

    // The DDL spelling: INTEGER, VARCHAR(50), BYTEA / BLOB...
    std::string render(dialect_kind dialect) const;
    // The C++ that makes this type in a revision file: varchar<50>{}.
    std::string cpp() const;
    // Whether converting a column from this type to `to` may lose data (narrowing).
    bool narrows_to(const column_type& to) const;

    friend bool operator==(const column_type&, const column_type&) = default;

private:
    column_type(kind k, std::size_t length, int precision, int scale, std::string raw)
        : kind_(k), length_(length), precision_(precision), scale_(scale), raw_(std::move(raw)) {}

    template <class T>
    static column_type of() {
        if constexpr (requires { T::max_length; }) return varchar_of(T::max_length);
        else if constexpr (requires { T::precision_value; }) return numeric_of(T::precision_value, T::scale_value);
        else return column_type(kind_of<T>(), 0, 0, 0, {});
    }
    template <class T>
    static constexpr kind kind_of() {
        if constexpr (std::is_same_v<T, retort::smallint>) return kind::smallint;
        else if constexpr (std::is_same_v<T, retort::integer>) return kind::integer;
        else if constexpr (std::is_same_v<T, retort::bigint>) return kind::bigint;
        else if constexpr (std::is_same_v<T, retort::real>) return kind::real;
        else if constexpr (std::is_same_v<T, retort::double_precision>) return kind::double_precision;
        else if constexpr (std::is_same_v<T, retort::boolean>) return kind::boolean;
        else if constexpr (std::is_same_v<T, retort::text>) return kind::text;
        else if constexpr (std::is_same_v<T, retort::date>) return kind::date;
        else if constexpr (std::is_same_v<T, retort::time_of_day>) return kind::time_of_day;
        else if constexpr (std::is_same_v<T, retort::timestamp>) return kind::timestamp;
        else if constexpr (std::is_same_v<T, retort::blob>) return kind::blob;
        else if constexpr (std::is_same_v<T, retort::json>) return kind::json;
        else RETORT_RULE("retort::migrate: this SQL type has no migration form", sizeof(T) == 0);
    }

    kind kind_ = kind::integer;
    std::size_t length_ = 0;
    int precision_ = 0;
    int scale_ = 0;
    std::string raw_;
};

}  // namespace retort::migrate
