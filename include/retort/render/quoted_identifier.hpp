#pragma once
// A name as a SQL identifier: quoted, an embedded quote doubled ("users", "a""b"). Made once per
// name at compile time, so that a statement's two rendering passes copy it whole where quoting
// it there went through the constant evaluator a character and a call at a time, in every
// statement that names it.
#include <cstddef>

#include <retort/core/fixed_string.hpp>

namespace retort::render {

template <fixed_string Name>
inline constexpr std::size_t embedded_quotes = [] {
    std::size_t count = 0;
    for (char c : Name.data)
        if (c == '"') ++count;
    return count;
}();

template <fixed_string Name>
inline constexpr auto quoted_identifier = [] {
    fixed_string<Name.size() + embedded_quotes<Name> + 2> quoted;
    std::size_t at = 0;
    quoted.data[at++] = '"';
    for (std::size_t i = 0; i != Name.size(); ++i) {
        if (Name.data[i] == '"') quoted.data[at++] = '"';
        quoted.data[at++] = Name.data[i];
    }
    quoted.data[at] = '"';
    return quoted;
}();

}  // namespace retort::render
