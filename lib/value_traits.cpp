// The throws of reading values (driver/value_traits.hpp), compiled once here.
#include <retort/driver/value_traits.hpp>

#include <string>

namespace retort::detail {

void rethrow_reading_into(const data_error& e, std::string_view cpp_type) {
    throw data_error(e.driver_message() + " (read into " + std::string(cpp_type) + ")", e.sql(), e.code());
}

namespace {

[[noreturn]] void throw_field_out_of_range(driver::statement& s, int column, const std::string& value,
                                           std::string_view cpp_type) {
    throw data_error("result column " + std::to_string(column) + " (\"" + std::string(s.column_name(column)) +
                         "\") holds " + value + ", which is out of range for " + std::string(cpp_type),
                     {});
}

}  // namespace

void throw_out_of_range_for(driver::statement& s, int column, std::int64_t value, std::string_view cpp_type) {
    throw_field_out_of_range(s, column, std::to_string(value), cpp_type);
}

void throw_out_of_range_for(driver::statement& s, int column, double value, std::string_view cpp_type) {
    throw_field_out_of_range(s, column, std::to_string(value), cpp_type);
}

}  // namespace retort::detail
