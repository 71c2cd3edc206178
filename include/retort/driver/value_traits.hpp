#pragma once
// How each C++ value type is bound to a driver statement and read back from a row.
// Dates and times travel as ISO-8601 text on both databases (PostgreSQL parses and
// prints it; SQLite stores it as TEXT, as SQLAlchemy does).
#include <retort/core/rule.hpp>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include <retort/core/errors.hpp>
#include <retort/core/floating_point.hpp>
#include <retort/core/type_list.hpp>
#include <retort/driver/statement.hpp>
#include <retort/schema/value_category.hpp>
#include <retort/schema/value_text.hpp>
#include <retort/schema/value_types.hpp>

namespace retort {

template <class T, class Enable = void>
struct value_traits {
    RETORT_RULE("retort: no conversion between this C++ type and SQL values",
                detail::always_false<T>);
};

namespace detail {

// The C++ type a field is read into or a value bound from, for messages.
template <class T>
constexpr std::string_view cpp_type_name() {
    if constexpr (std::is_same_v<T, bool>) return "bool";
    else if constexpr (std::is_same_v<T, float>) return "float";
    else if constexpr (std::is_same_v<T, double>) return "double";
    else if constexpr (std::is_same_v<T, long double>) return "long double";
    else if constexpr (std::is_signed_v<T>) {
        if constexpr (sizeof(T) == 1) return "std::int8_t";
        else if constexpr (sizeof(T) == 2) return "std::int16_t";
        else if constexpr (sizeof(T) == 4) return "std::int32_t";
        else return "std::int64_t";
    } else {
        if constexpr (sizeof(T) == 1) return "std::uint8_t";
        else if constexpr (sizeof(T) == 2) return "std::uint16_t";
        else if constexpr (sizeof(T) == 4) return "std::uint32_t";
        else return "std::uint64_t";
    }
}

// The driver refused a field (a REAL 2.5 read as an integer): its message names the
// column and the value; this adds the C++ type. Off the read loop's path: a try block
// costs nothing until something is thrown. The throws of reading are in the library
// (lib/value_traits.cpp), compiled once: reading values is the executor's, which links it.
[[noreturn]] void rethrow_reading_into(const data_error& e, std::string_view cpp_type);
template <class T>
[[noreturn]] void rethrow_reading_into(const data_error& e) {
    rethrow_reading_into(e, cpp_type_name<T>());
}

// A number the driver read that the C++ type cannot hold. Out of line and cold, so that the
// range check of every integer field read stays a compare and a branch where it is inlined.
[[noreturn, gnu::cold]] void throw_out_of_range_for(driver::statement& s, int column, std::int64_t value,
                                                    std::string_view cpp_type);
[[noreturn, gnu::cold]] void throw_out_of_range_for(driver::statement& s, int column, double value,
                                                    std::string_view cpp_type);
// An unsigned value above the largest BIGINT (binding: header-only code renders values too).
[[noreturn, gnu::noinline, gnu::cold]] inline void throw_beyond_sql_integer(std::uint64_t value) {
    throw data_error("value " + std::to_string(value) + " does not fit a 64-bit SQL integer", {});
}

}  // namespace detail

template <class T>
struct value_traits<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
    template <class Binder>
    static void bind(Binder& b, int i, T v) {
        if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
            if (v > static_cast<T>(std::numeric_limits<std::int64_t>::max())) [[unlikely]]
                return b.bind_beyond_int64(i, v);
        }
        b.statement().bind_int(i, static_cast<std::int64_t>(v));
    }
    static T read(driver::statement& s, int column) {
        try {
            return checked(s.get_int(column), s, column);
        } catch (const data_error& e) {
            detail::rethrow_reading_into<T>(e);
        }
    }
    // Reads unless the field is NULL (then false): one driver call for both.
    static bool read_unless_null(T& target, driver::statement& s, int column) {
        std::int64_t v = 0;
        try {
            if (!s.read_int(column, v)) return false;
        } catch (const data_error& e) {
            detail::rethrow_reading_into<T>(e);
        }
        target = checked(v, s, column);
        return true;
    }
    // From a field read with its row (driver::statement::read_fields): an INTEGER is taken;
    // anything else is left to read_unless_null (false), which converts or refuses it.
    static bool take(T& target, const driver::field& f, driver::statement& s, int column) {
        if (f.kind != driver::field_kind::integer) [[unlikely]]
            return false;
        target = checked(f.integer, s, column);
        return true;
    }

private:
    static T checked(std::int64_t v, driver::statement& s, int column) {
        if constexpr (sizeof(T) < sizeof(std::int64_t) || std::is_unsigned_v<T>) {
            if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                (v > 0 && static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
                [[unlikely]]
                detail::throw_out_of_range_for(s, column, v, detail::cpp_type_name<T>());
        }
        return static_cast<T>(v);
    }
};

template <>
struct value_traits<bool> {
    template <class Binder>
    static void bind(Binder& b, int i, bool v) {
        b.statement().bind_bool(i, v);
    }
    static bool read(driver::statement& s, int column) {
        try {
            return s.get_bool(column);
        } catch (const data_error& e) {
            detail::rethrow_reading_into<bool>(e);
        }
    }
};

template <class T>
struct value_traits<T, std::enable_if_t<std::is_floating_point_v<T>>> {
    template <class Binder>
    static void bind(Binder& b, int i, T v) {
        b.statement().bind_double(i, static_cast<double>(v));
    }
    static T read(driver::statement& s, int column) {
        double v;
        try {
            v = s.get_double(column);
        } catch (const data_error& e) {
            detail::rethrow_reading_into<T>(e);
        }
        return checked(v, s, column);
    }
    // Reads unless the field is NULL (then false): one driver call for both.
    static bool read_unless_null(T& target, driver::statement& s, int column) {
        double v = 0;
        try {
            if (!s.read_double(column, v)) return false;
        } catch (const data_error& e) {
            detail::rethrow_reading_into<T>(e);
        }
        target = checked(v, s, column);
        return true;
    }
    static bool take(T& target, const driver::field& f, driver::statement& s, int column) {
        if (f.kind != driver::field_kind::real) [[unlikely]]
            return false;
        target = checked(f.real, s, column);
        return true;
    }

private:
    // A float column's value fits a float; a double that does not is no silent infinity.
    static T checked(double v, driver::statement& s, int column) {
        if constexpr (sizeof(T) < sizeof(double)) {
            if (detail::is_finite(v) && !detail::is_finite(static_cast<T>(v))) [[unlikely]]
                detail::throw_out_of_range_for(s, column, v, detail::cpp_type_name<T>());
        }
        return static_cast<T>(v);
    }
};

template <>
struct value_traits<std::string> {
    template <class Binder>
    static void bind(Binder& b, int i, std::string_view v) {
        b.statement().bind_text(i, v);
    }
    static std::string read(driver::statement& s, int column) { return std::string(s.get_text(column)); }
    // Into the string of the previous row, unless the field is NULL (then false): its
    // buffer is reused, no allocation per row.
    static bool read_unless_null(std::string& target, driver::statement& s, int column) {
        std::string_view text;
        if (!s.read_text(column, text)) return false;
        target.assign(text);
        return true;
    }
    static bool take(std::string& target, const driver::field& f, driver::statement&, int) {
        if (f.kind != driver::field_kind::text) [[unlikely]]
            return false;
        target.assign(f.text, f.size);
        return true;
    }
};
template <>
struct value_traits<std::string_view> : value_traits<std::string> {};
template <>
struct value_traits<const char*> : value_traits<std::string> {};

template <>
struct value_traits<decimal> {
    template <class Binder>
    static void bind(Binder& b, int i, const decimal& v) {
        b.statement().bind_text(i, v.str());
    }
    static decimal read(driver::statement& s, int column) { return decimal(s.get_text(column)); }
};

template <>
struct value_traits<json_text> {
    template <class Binder>
    static void bind(Binder& b, int i, const json_text& v) {
        b.statement().bind_text(i, v.text);
    }
    static json_text read(driver::statement& s, int column) { return json_text{std::string(s.get_text(column))}; }
};

template <>
struct value_traits<blob_value> {
    template <class Binder>
    static void bind(Binder& b, int i, const blob_value& v) {
        b.statement().bind_blob(i, std::span<const std::byte>(v));
    }
    static blob_value read(driver::statement& s, int column) {
        auto bytes = s.get_blob(column);
        return blob_value(bytes.begin(), bytes.end());
    }
};
template <>
struct value_traits<std::span<const std::byte>> {
    template <class Binder>
    static void bind(Binder& b, int i, std::span<const std::byte> v) {
        b.statement().bind_blob(i, v);
    }
};

template <>
struct value_traits<date_value> {
    template <class Binder>
    static void bind(Binder& b, int i, const date_value& v) {
        b.statement().bind_text(i, b.keep(detail::format_date(v)));
    }
    static date_value read(driver::statement& s, int column) { return detail::parse_date(s.get_text(column)); }
};

template <class Duration>
struct value_traits<std::chrono::sys_time<Duration>> {
    template <class Binder>
    static void bind(Binder& b, int i, const std::chrono::sys_time<Duration>& v) {
        b.statement().bind_text(i, b.keep(detail::format_timestamp(std::chrono::floor<std::chrono::microseconds>(v))));
    }
    static std::chrono::sys_time<Duration> read(driver::statement& s, int column) {
        return std::chrono::time_point_cast<Duration>(detail::parse_timestamp(s.get_text(column)));
    }
};

template <class Rep, class Period>
struct value_traits<std::chrono::duration<Rep, Period>> {
    template <class Binder>
    static void bind(Binder& b, int i, const std::chrono::duration<Rep, Period>& v) {
        b.statement().bind_text(
            i, b.keep(detail::format_time_of_day(std::chrono::duration_cast<std::chrono::microseconds>(v))));
    }
    static std::chrono::duration<Rep, Period> read(driver::statement& s, int column) {
        return std::chrono::duration_cast<std::chrono::duration<Rep, Period>>(detail::parse_time_of_day(s.get_text(column)));
    }
};

namespace detail {
// Reads a field into `target` unless it is NULL (then false, `target` untouched): in one
// driver call when the type's traits can (read_unless_null), else is_null() then read().
template <class T>
bool read_value_unless_null(T& target, driver::statement& s, int column) {
    if constexpr (requires { value_traits<T>::read_unless_null(target, s, column); }) {
        return value_traits<T>::read_unless_null(target, s, column);
    } else {
        if (s.is_null(column)) return false;
        target = value_traits<T>::read(s, column);
        return true;
    }
}
// The same from a field read with its row: taken as it is where the type's traits can
// (take), else read field by field (a conversion, an error, or a type with no take).
template <class T>
bool read_value_unless_null(T& target, const driver::field& f, driver::statement& s, int column) {
    if constexpr (requires { value_traits<T>::take(target, f, s, column); }) {
        if (value_traits<T>::take(target, f, s, column)) [[likely]]
            return true;
    }
    if (f.kind == driver::field_kind::null) return false;
    return read_value_unless_null(target, s, column);
}
}  // namespace detail

template <class T>
struct value_traits<std::optional<T>> {
    template <class Binder>
    static void bind(Binder& b, int i, const std::optional<T>& v) {
        if (v) value_traits<T>::bind(b, i, *v);
        else b.statement().bind_null(i);
    }
    static std::optional<T> read(driver::statement& s, int column) {
        if (s.is_null(column)) return std::nullopt;
        return value_traits<T>::read(s, column);
    }
    // NULL is a value of its own here: always true. A value already there (the previous
    // row's) is read into in place.
    static bool read_unless_null(std::optional<T>& target, driver::statement& s, int column) {
        if constexpr (std::is_default_constructible_v<T>) {
            if (!target) target.emplace();
            if (!detail::read_value_unless_null(*target, s, column)) target.reset();
        } else {
            target = read(s, column);
        }
        return true;
    }
    // NULL is a value here too: always taken.
    static bool take(std::optional<T>& target, const driver::field& f, driver::statement& s, int column) {
        if (f.kind == driver::field_kind::null) {
            target.reset();
        } else if constexpr (std::is_default_constructible_v<T>) {
            if (!target) target.emplace();
            if (!detail::read_value_unless_null(*target, f, s, column)) target.reset();
        } else {
            target = read(s, column);
        }
        return true;
    }
};

}  // namespace retort
