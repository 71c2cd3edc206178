// The text-writing driver statement of value_binder's text mode, compiled once here rather
// than in each unit that shows a statement's values (driver/value_text_statement.hpp).
#include <retort/driver/value_binder.hpp>
#include <retort/driver/value_text_statement.hpp>

namespace retort::detail {

std::unique_ptr<driver::statement> make_value_text_statement(std::vector<std::string>& text) {
    return std::make_unique<value_text_statement>(text);
}

}  // namespace retort::detail
