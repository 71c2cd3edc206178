#include <retort/result/sql_value.hpp>

#include <functional>
#include <type_traits>

#include <retort/core/errors.hpp>
#include <retort/driver/param_text.hpp>
#include <retort/result/sql_value_cast.hpp>

namespace retort::detail {

std::string sql_value_text(const sql_value& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) return "NULL";
            else return param_text(v);
        },
        value);
}

std::size_t sql_value_hash::operator()(const sql_value& value) const noexcept {
    return std::visit(
               [](const auto& v) -> std::size_t {
                   using T = std::decay_t<decltype(v)>;
                   if constexpr (std::is_same_v<T, std::monostate>) return 0;
                   else if constexpr (std::is_same_v<T, blob_value>)
                       return std::hash<std::string_view>{}(
                           std::string_view(reinterpret_cast<const char*>(v.data()), v.size()));
                   else return std::hash<T>{}(v);
               },
               value) ^
           (value.index() * 0x9e3779b97f4a7c15ULL);
}

void bad_sql_value(const sql_value& value, std::string_view wanted, std::string_view field) {
    std::string message = "field " + std::string(field) + " holds " + std::string(sql_value_kind(value));
    if (!is_null(value)) message += " (" + sql_value_text(value).substr(0, 64) + ")";
    message += ", which does not read as " + std::string(wanted);
    if (is_null(value)) message += " (read it as std::optional)";
    throw invalid_request_error(std::move(message));
}

}  // namespace retort::detail
