#pragma once
// SQL column types. Each names its C++ value type, its category (what it may be
// compared with or assigned from) and its DDL spelling per dialect.
#include <retort/core/rule.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include <retort/render/dialect.hpp>
#include <retort/schema/value_types.hpp>

namespace retort {

enum class type_category : unsigned char {
    integral, floating, numeric, boolean, string, date, time, timestamp, blob, json, null
};

namespace detail {
template <type_category C>
inline constexpr bool is_number_category =
    C == type_category::integral || C == type_category::floating || C == type_category::numeric;
}

#define RETORT_SQL_TYPE(NAME, VALUE, CATEGORY, PG, LITE)                             \
    struct NAME {                                                                    \
        using value_type = VALUE;                                                    \
        static constexpr type_category category = type_category::CATEGORY;          \
        template <class Ctx>                                                         \
        static constexpr void render_ddl(Ctx& ctx) {                                 \
            if constexpr (Ctx::dialect::kind == dialect_kind::postgresql) ctx.put(PG); \
            else ctx.put(LITE);                                                      \
        }                                                                            \
    }

RETORT_SQL_TYPE(smallint, std::int16_t, integral, "SMALLINT", "SMALLINT");
RETORT_SQL_TYPE(integer, std::int32_t, integral, "INTEGER", "INTEGER");
RETORT_SQL_TYPE(bigint, std::int64_t, integral, "BIGINT", "BIGINT");
RETORT_SQL_TYPE(real, float, floating, "REAL", "REAL");
RETORT_SQL_TYPE(double_precision, double, floating, "DOUBLE PRECISION", "DOUBLE PRECISION");
RETORT_SQL_TYPE(boolean, bool, boolean, "BOOLEAN", "BOOLEAN");
RETORT_SQL_TYPE(text, std::string, string, "TEXT", "TEXT");
RETORT_SQL_TYPE(date, date_value, date, "DATE", "DATE");
RETORT_SQL_TYPE(time_of_day, time_value, time, "TIME", "TIME");
RETORT_SQL_TYPE(timestamp, timestamp_value, timestamp, "TIMESTAMP", "TIMESTAMP");
RETORT_SQL_TYPE(blob, blob_value, blob, "BYTEA", "BLOB");
// TEXT on SQLite: a JSON column there would have NUMERIC affinity and turn 1.50 into 1.5.
RETORT_SQL_TYPE(json, json_text, json, "JSON", "TEXT");

#undef RETORT_SQL_TYPE

template <std::size_t N>
struct varchar {
    RETORT_RULE("varchar<N> needs a length of at least 1",
                N > 0);
    using value_type = std::string;
    static constexpr type_category category = type_category::string;
    static constexpr std::size_t max_length = N;
    template <class Ctx>
    static constexpr void render_ddl(Ctx& ctx) {
        ctx.put("VARCHAR(");
        ctx.put_number(static_cast<long long>(N));
        ctx.put(')');
    }
};

template <int Precision, int Scale = 0>
struct numeric {
    RETORT_RULE("numeric<P, S> needs 0 <= S <= P and P > 0",
                Precision > 0 && Scale >= 0 && Scale <= Precision);
    using value_type = decimal;
    static constexpr type_category category = type_category::numeric;
    static constexpr int precision_value = Precision;
    static constexpr int scale_value = Scale;
    template <class Ctx>
    static constexpr void render_ddl(Ctx& ctx) {
        ctx.put("NUMERIC(");
        ctx.put_number(Precision);
        ctx.put(", ");
        ctx.put_number(Scale);
        ctx.put(')');
    }
};

// The type of a bare NULL.
struct null_type {
    using value_type = std::nullptr_t;
    static constexpr type_category category = type_category::null;
};

template <class T>
concept sql_type = requires {
    typename T::value_type;
    { T::category } -> std::convertible_to<type_category>;
};

}  // namespace retort
