#include <retort/engine/bound_values.hpp>

namespace retort::detail {

std::vector<std::string> bound_values::operator()() const {
    std::vector<std::string> text;
    text_value_binder binder(text);
    bind_into(binder.get());
    return text;
}

}  // namespace retort::detail
